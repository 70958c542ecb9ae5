using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>
/// The API of the notice wording, e-mailed notices, confiscations and staff members' own accounts of flags: who may
/// do what, refusals as validation problems naming the field, and mail settings checked at start.
/// </summary>
public sealed class ParentNoticesApiTests
{
    private const string School = "notice-school";
    private const string Api = "/api/schools/notice-school";

    [Fact]
    public async Task NoticeTemplate_SltSavesOfficeReadsOfficeCannotSave()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient slt = await sut.SignInAsync(UserRoles.Slt, School);
        HttpClient office = await sut.SignInAsync(UserRoles.Office, School);
        var wording = new NoticeTemplateRequest("Phone of {pupil}", "{pupil}'s phone is at the office until {homeTime}.");

        Assert.Equal(HttpStatusCode.Forbidden, (await office.PutAsJsonAsync($"{Api}/notice-template", wording, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await slt.PutAsJsonAsync($"{Api}/notice-template", wording, Ct)).StatusCode);

        NoticeTemplate read = (await office.GetFromJsonAsync<NoticeTemplate>($"{Api}/notice-template", Ct))!;
        Assert.Equal(wording.Body, read.Body);
    }

    [Fact]
    public async Task NoticeTemplate_UnknownPlaceholder_ValidationProblemNamingTheBody()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient slt = await sut.SignInAsync(UserRoles.Slt, School);

        using HttpResponseMessage response = await slt.PutAsJsonAsync($"{Api}/notice-template", new NoticeTemplateRequest("Phone", "{pupil} {parentName}"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("{parentName}", Errors(await response.Content.ReadFromJsonAsync<JsonElement>(Ct), "body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_NoMailServerSetUp_ValidationProblemPointingToTheExport()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient office = await sut.SignInAsync(UserRoles.Office, School);

        using HttpResponseMessage response = await office.PostAsJsonAsync($"{Api}/parent-notices/email", new NoticeEmailRequest("P001", "parent@home.example"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("export", Errors(await response.Content.ReadFromJsonAsync<JsonElement>(Ct), "to"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confiscation_RecordedAsReceivedByTheSignedInOfficeAccount_UnknownTeacherRefused()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        var people = sut.Services.GetRequiredService<PeopleStore>();
        await people.UpsertAsync(new Person(School, "P001", PersonKind.Pupil, "Percy Pupil"), Ct);
        await people.UpsertAsync(new Person(School, "T001", PersonKind.Staff, "Ada Teacher"), Ct);
        HttpClient office = await sut.SignInAsync(UserRoles.Office, School);

        using HttpResponseMessage refused = await office.PostAsJsonAsync($"{Api}/confiscations", new ConfiscationRequest("P001", "T999", null, null, null), Ct);
        using HttpResponseMessage created = await office.PostAsJsonAsync($"{Api}/confiscations", new ConfiscationRequest("P001", "T001", null, "Science", "S2"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("T999", Errors(await refused.Content.ReadFromJsonAsync<JsonElement>(Ct), "confiscatedBy"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Confiscation stored = Assert.Single((await office.GetFromJsonAsync<List<Confiscation>>($"{Api}/confiscations?pupil=P001", Ct))!);
        Assert.StartsWith("office-", stored.HandedTo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnAccount_StaffWritesSltReadsWithTheFlag_OfficeCannotWrite()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        await sut.Services.GetRequiredService<FlagStore>().CommitAsync(
            [(School, new FlagDraft(FlagKind.StaffRetrieveInContactTime, "k1", "T001", null, "lk-1", 3, null, DateTimeOffset.UtcNow, "retrieved in period 2"))], [], [], null, Ct);
        long id = Assert.Single(await sut.Services.GetRequiredService<FlagStore>().ListAsync(School, new FlagFilter(), Ct)).Id;
        HttpClient teacher = await sut.SignInAsync(UserRoles.Staff, School, "T001");
        HttpClient office = await sut.SignInAsync(UserRoles.Office, School);
        HttpClient slt = await sut.SignInAsync(UserRoles.Slt, School);

        Assert.Equal(HttpStatusCode.Forbidden, (await office.PostAsJsonAsync($"{Api}/me/flags/{id}/account", new FlagAccountRequest("x"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.PostAsJsonAsync($"{Api}/me/flags/{id}/account", new FlagAccountRequest("My child's school rang."), Ct)).StatusCode);

        FlagDetails details = (await slt.GetFromJsonAsync<FlagDetails>($"{Api}/flags/{id}", Ct))!;
        Assert.Equal("My child's school rang.", details.Account?.Text);
    }

    [Fact]
    public async Task Start_MailSettingsUnusable_RefusesToStartNamingTheProblemNotThePassword()
    {
        using var sut = new GatewayHost(settings: new Dictionary<string, string>
        {
            ["SmtpOptions:Host"] = "mail.school.example",
            ["SmtpOptions:From"] = "not an address",
            ["SmtpOptions:UserName"] = "office",
            ["SmtpOptions:Password"] = "Sup3r-Secret-Pw",
        });

        Exception error = await Assert.ThrowsAnyAsync<Exception>(sut.StartAsync);

        string text = error.ToString();
        Assert.Contains("SmtpOptions:From", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-Secret-Pw", text, StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Errors(JsonElement problem, string field) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
}
