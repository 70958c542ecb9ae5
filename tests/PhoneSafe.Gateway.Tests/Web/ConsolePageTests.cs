using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>The console pages' role checks and the compliance export, through the real pipeline (no browser).</summary>
public sealed class ConsolePageTests
{
    private const string School = "console-school";

    [Theory]
    [InlineData("/compliance")]
    [InlineData("/flags")]
    [InlineData("/calendar")]
    [InlineData("/people")]
    [InlineData("/compliance?handler=Csv")]
    public async Task Office_CannotOpenSltOrAdminPages(string path)
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        using HttpClient office = await sut.SignInAsync(UserRoles.Office, School);

        using HttpResponseMessage response = await office.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Office_FlagsApiRefuses_OfficePageAndLockersOpen()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        using HttpClient office = await sut.SignInAsync(UserRoles.Office, School);
        CancellationToken ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync($"/api/schools/{School}/flags", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/office", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.GetAsync("/lockers", ct)).StatusCode);
    }

    [Theory]
    [InlineData("/today")]
    [InlineData("/office")]
    [InlineData("/flags")]
    [InlineData("/compliance")]
    [InlineData("/lockers")]
    public async Task Staff_CannotOpenConsolePages(string path)
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        using HttpClient staff = await sut.SignInAsync(UserRoles.Staff, School, "T001");

        using HttpResponseMessage response = await staff.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_EveryConsolePageRenders()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        using HttpClient admin = await sut.SignInAsync(UserRoles.Admin, School);
        foreach (string path in new[] { "/today", "/flags", "/compliance", "/office", "/people", "/lockers", "/calendar" })
        {
            using HttpResponseMessage response = await admin.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Compliance_CsvExport_HasOneRowPerStaffDayInContact_AndIsAudited()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        var people = sut.Services.GetRequiredService<PeopleStore>();
        await people.UpsertAsync(new Person(School, "T001", PersonKind.Staff, "Ada Lovelace", "Science"), ct);
        await people.UpsertAsync(new Person(School, "T002", PersonKind.Staff, "Grace Hopper", "Maths"), ct);
        using HttpClient slt = await sut.SignInAsync(UserRoles.Slt, School);
        DateOnly today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        WindowDto[] allDay = [new("00:00", "23:59")];
        var calendar = new CalendarDocument(
            "UTC", 2, [new TermDto("Now", today.AddDays(-10).ToString("yyyy-MM-dd"), today.AddDays(10).ToString("yyyy-MM-dd"))], [],
            [.. Enumerable.Range(1, 7).Select(d => new DayDto(d, allDay, "23:59"))]);
        (await slt.PutAsJsonAsync($"/api/schools/{School}/calendar", calendar, ct)).EnsureSuccessStatusCode();

        using HttpResponseMessage response = await slt.GetAsync($"/compliance?handler=Csv&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        string[] lines = (await response.Content.ReadAsStringAsync(ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,staff_code,name,department,deposited_by_contact_start,contact_start_utc,retrievals_in_contact_time", lines[0]);
        Assert.Equal(
            [$"{today:yyyy-MM-dd},T001,Ada Lovelace,Science,no,{today:yyyy-MM-dd}T00:00:00Z,0", $"{today:yyyy-MM-dd},T002,Grace Hopper,Maths,no,{today:yyyy-MM-dd}T00:00:00Z,0"],
            lines[1..]);
        IReadOnlyList<AuditEntry> audit = await sut.Services.GetRequiredService<UserStore>().GetAuditAsync(20, ct);
        Assert.Contains(audit, a => a.Action == "export:compliance-csv");
    }
}
