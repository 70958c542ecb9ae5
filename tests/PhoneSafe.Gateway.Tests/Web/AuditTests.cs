using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>The audit log: complete for the API, scoped to a school, reviewed by SLT, found by subject access.</summary>
public sealed class AuditTests
{
    private const string School = "audit-school";

    [Fact]
    public async Task EveryApiEndpoint_CalledBySignedInUser_WritesAnAuditLineOfTheSchool()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();

        // Account 1 (the routes' id) is not the caller, whose session the account endpoints would otherwise end.
        Assert.Null(await sut.Services.GetRequiredService<AccountService>().CreateAsync(new GatewayUser(0, "account.one", "One", UserRoles.Office, School, null), GatewayHost.TestPassword, Ct));
        HttpClient admin = await sut.SignInAsync(UserRoles.Admin, School);
        UserStore users = sut.Services.GetRequiredService<UserStore>();
        List<(string Method, string Path, string ContentType)> endpoints = ApiEndpoints.Of(sut, School);
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} API endpoints found");

        var unaudited = new List<string>();
        foreach ((string method, string path, string contentType) in endpoints)
        {
            long before = (await users.GetAuditAsync(1, Ct)).Single().Id;
            (HttpStatusCode status, _) = await ApiEndpoints.SendAsync(admin, method, path, contentType, ("Origin", "https://localhost"));
            IReadOnlyList<AuditEntry> after = await users.GetAuditAsync(School, 5, Ct);
            if (!after.Any(a => a.Id > before && a.Detail.StartsWith("school=" + School, StringComparison.Ordinal)))
            {
                unaudited.Add($"{method} {path} -> {(int)status}");
            }
        }

        Assert.True(unaudited.Count == 0, "not audited: " + string.Join(Environment.NewLine, unaudited));
    }

    [Fact]
    public async Task AuditPage_Slt_SeesOnlyTheirSchoolsLines()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient other = await sut.SignInAsync(UserRoles.Admin, "other-school");
        await other.GetAsync("/api/custody", Ct);
        HttpClient slt = await sut.SignInAsync(UserRoles.Slt, School);
        await slt.GetAsync("/api/custody", Ct);

        using HttpResponseMessage page = await slt.GetAsync("/audit", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        string html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("school=" + School, html, StringComparison.Ordinal);
        Assert.DoesNotContain("other-school", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"held-none\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubjectAccessExport_IncludesPageAndApiViewsOfThePerson()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        await sut.Services.GetRequiredService<PeopleStore>().UpsertAsync(new Person(School, "P1", PersonKind.Pupil, "Pat Pupil", "7A"), Ct);
        HttpClient admin = await sut.SignInAsync(UserRoles.Admin, School);
        await admin.GetAsync($"/api/schools/{School}/people/P1/credentials", Ct);
        await sut.Services.GetRequiredService<UserStore>().AuditAsync("office.one", "office:release", AuditExtensions.ScopedDetail(School, "pupil=P1; locker=lk-office"), "-", Ct);
        await sut.Services.GetRequiredService<UserStore>().AuditAsync("office.two", "office:release", AuditExtensions.ScopedDetail("other-school", "pupil=P1"), "-", Ct);

        SubjectAccessExport export = (await sut.Services.GetRequiredService<SubjectAccessStore>().ExportAsync(School, "P1", Ct))!;

        Assert.Contains(export.Audit, a => a.Action == "api:ListCredentials");
        Assert.Contains(export.Audit, a => a.Action == "office:release" && a.UserName == "office.one");
        Assert.DoesNotContain(export.Audit, a => a.UserName == "office.two");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
