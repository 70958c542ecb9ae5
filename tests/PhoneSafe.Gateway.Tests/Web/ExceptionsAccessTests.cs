using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>
/// Exceptions and parent notices: who may read staff exceptions (reasons may be medical), and "agreed by",
/// "consented by" and "told by" are the signed-in account, never a typed name.
/// </summary>
public sealed class ExceptionsAccessTests
{
    private const string School = "exc-school";
    private const string Api = "/api/schools/exc-school";

    [Fact]
    public async Task Office_ListingExceptions_SeesConsentsButNeverStaffExceptions()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient slt = await SignInAsync(sut, "deputy", UserRoles.Slt);
        HttpClient head = await SignInAsync(sut, "head", UserRoles.Headteacher);
        HttpClient office = await SignInAsync(sut, "office.one", UserRoles.Office);
        Assert.Equal(HttpStatusCode.Created, (await slt.PostAsJsonAsync($"{Api}/exceptions/staff", new StaffExceptionRequest("T001", "hospital appointment", "2026-11-25", "2026-11-25"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await head.PostAsJsonAsync($"{Api}/exceptions/consents", new ConsentRequest("P001", "young carer", "2026-11-25", "2026-11-27"), Ct)).StatusCode);

        List<PolicyException> seen = (await office.GetFromJsonAsync<List<PolicyException>>($"{Api}/exceptions", Ct))!;

        Assert.Equal(ExceptionKind.HeadteacherConsent, Assert.Single(seen).Kind);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync($"{Api}/exceptions?kind={ExceptionKind.SltAgreed}", Ct)).StatusCode);
        Assert.Equal(2, (await slt.GetFromJsonAsync<List<PolicyException>>($"{Api}/exceptions", Ct))!.Count);
    }

    [Fact]
    public async Task StaffException_IsAgreedByTheSignedInSltAccount()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient slt = await SignInAsync(sut, "deputy", UserRoles.Slt);

        using HttpResponseMessage response = await slt.PostAsJsonAsync($"{Api}/exceptions/staff", new StaffExceptionRequest("T001", "hospital appointment", "2026-11-25", "2026-11-25"), Ct);

        PolicyException stored = (await response.Content.ReadFromJsonAsync<PolicyException>(Ct))!;
        Assert.Equal(("deputy", "deputy"), (stored.ApprovedBy, stored.RecordedBy));
    }

    [Fact]
    public async Task Consent_OnlyAHeadteacherAccountRecordsIt_AsTheirOwn()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient slt = await SignInAsync(sut, "deputy", UserRoles.Slt);
        HttpClient head = await SignInAsync(sut, "head", UserRoles.Headteacher);
        var consent = new ConsentRequest("P001", "young carer", "2026-11-25", "2026-11-27");

        Assert.Equal(HttpStatusCode.Forbidden, (await slt.PostAsJsonAsync($"{Api}/exceptions/consents", consent, Ct)).StatusCode);
        using HttpResponseMessage recorded = await head.PostAsJsonAsync($"{Api}/exceptions/consents", consent, Ct);

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("head", (await recorded.Content.ReadFromJsonAsync<PolicyException>(Ct))!.ApprovedBy);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"{Api}/flags", Ct)).StatusCode);
    }

    [Fact]
    public async Task ParentNotice_IsToldByTheSignedInAccount()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient office = await SignInAsync(sut, "office.one", UserRoles.Office);

        using HttpResponseMessage response = await office.PostAsJsonAsync($"{Api}/parent-notices", new { pupilId = "P001", notifiedUtc = "2026-11-25T10:30:00Z", notifiedBy = "the headteacher", method = "phone" }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("office.one", (await response.Content.ReadFromJsonAsync<ParentNotice>(Ct))!.NotifiedBy);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpClient> SignInAsync(GatewayHost sut, string userName, string role)
    {
        Assert.Null(await sut.Services.GetRequiredService<AccountService>().CreateAsync(new GatewayUser(0, userName, userName, role, School, null), GatewayHost.TestPassword, Ct));
        HttpClient client = sut.CreateHttpsClient();
        Assert.Equal(HttpStatusCode.Redirect, (await GatewayHost.PostSignInAsync(client, userName, GatewayHost.TestPassword)).StatusCode);
        return client;
    }
}
