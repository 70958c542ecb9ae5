using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>Sign-in, first run, lock-out, rate limit, antiforgery and roles, through the real pipeline.</summary>
public sealed class SignInTests
{
    private const string School = "web-school";

    [Fact]
    public async Task FirstRun_SetupLinkCreatesAdministrator_AndWorksOnlyOnce()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        string? token = await sut.Services.GetRequiredService<FirstRunSetup>().IssueIfNoAccountsAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(token);
        HttpClient client = sut.CreateHttpsClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup?token=wrong", TestContext.Current.CancellationToken)).StatusCode);
        string antiforgery = await GatewayHost.AntiforgeryTokenAsync(client, "/setup?token=" + token);
        using HttpResponseMessage created = await client.PostAsync("/setup", Form(("Token", token), ("School", School), ("UserName", "it.tech"), ("DisplayName", "IT Technician"), ("Password", GatewayHost.TestPassword), ("Confirm", GatewayHost.TestPassword), ("__RequestVerificationToken", antiforgery)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sut.CreateHttpsClient().GetAsync("/setup?token=" + token, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Null(await sut.Services.GetRequiredService<FirstRunSetup>().IssueIfNoAccountsAsync(TestContext.Current.CancellationToken));
        using HttpResponseMessage signedIn = await GatewayHost.PostSignInAsync(sut.CreateHttpsClient(), "it.tech", GatewayHost.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPasswordFiveTimes_LocksTheAccountEvenForTheRightPassword()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        await sut.Services.GetRequiredService<AccountService>().CreateAsync(new GatewayUser(0, "office.one", "Office One", UserRoles.Office, School, null), GatewayHost.TestPassword, TestContext.Current.CancellationToken);
        HttpClient client = sut.CreateHttpsClient();
        string antiforgery = await GatewayHost.AntiforgeryTokenAsync(client, "/login");

        for (int i = 0; i < AccountService.MaxFailedSignIns; i++)
        {
            using HttpResponseMessage failed = await GatewayHost.PostSignInAsync(client, "office.one", "wrong password " + i, antiforgery);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using HttpResponseMessage locked = await GatewayHost.PostSignInAsync(client, "office.one", GatewayHost.TestPassword, antiforgery);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ManyAttemptsFromOneAddress_AreRateLimited()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient client = sut.CreateHttpsClient();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 25; i++)
        {
            using HttpResponseMessage response = await client.GetAsync("/login", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
    }

    [Fact]
    public async Task SignIn_PostWithoutAntiforgeryToken_IsRejected()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient client = sut.CreateHttpsClient();

        using HttpResponseMessage response = await client.PostAsync("/login", Form(("UserName", "x"), ("Password", "y")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "/api/custody", HttpStatusCode.Unauthorized)]
    [InlineData(UserRoles.Staff, "/api/custody", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Office, "/api/custody", HttpStatusCode.OK)]
    [InlineData(UserRoles.Slt, "/api/custody", HttpStatusCode.OK)]
    [InlineData(UserRoles.Office, "/api/ingest", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Slt, "/api/quarantine", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Admin, "/api/quarantine", HttpStatusCode.OK)]
    [InlineData(null, "/today", HttpStatusCode.Redirect)]
    [InlineData(UserRoles.Staff, "/today", HttpStatusCode.Redirect)]
    [InlineData(UserRoles.Office, "/audit", HttpStatusCode.Redirect)]
    [InlineData(UserRoles.Admin, "/audit", HttpStatusCode.OK)]
    [InlineData(UserRoles.Slt, "/setup-sheets", HttpStatusCode.Redirect)]
    [InlineData(UserRoles.Admin, "/setup-sheets", HttpStatusCode.OK)]
    [InlineData(null, "/health", HttpStatusCode.OK)]
    [InlineData(UserRoles.Office, "/api/schools/web-school/flags", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Staff, "/api/schools/web-school/flags", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Slt, "/api/schools/web-school/flags", HttpStatusCode.OK)]
    [InlineData(UserRoles.Slt, "/api/schools/another-school/flags", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Office, "/api/schools/web-school/calendar/days/2026-11-25", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Office, "/api/ledger/verify", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Slt, "/api/ledger/verify", HttpStatusCode.OK)]
    [InlineData(UserRoles.Slt, "/api/schools/web-school/custody/sessions?from=2026-11-01", HttpStatusCode.OK)]
    [InlineData(UserRoles.Office, "/api/schools/web-school/custody/sessions", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Slt, "/api/schools/another-school/custody/sessions", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Slt, "/api/schools/web-school/custody/sessions?from=yesterday", HttpStatusCode.BadRequest)]
    [InlineData(UserRoles.Admin, "/api/schools/web-school/people/NOBODY/export", HttpStatusCode.NotFound)]
    [InlineData(UserRoles.Slt, "/api/schools/web-school/people/NOBODY/export", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Admin, "/api/schools/another-school/people/NOBODY/export", HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Admin, "/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData(UserRoles.Slt, "/openapi/v1.json", HttpStatusCode.Redirect)]
    [InlineData(null, "/openapi/v1.json", HttpStatusCode.Redirect)]
    public async Task Request_ByRole_IsAllowedOrRefused(string? role, string path, HttpStatusCode expected)
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient client = role is null ? sut.CreateHttpsClient() : await sut.SignInAsync(role, School, role == UserRoles.Staff ? "T001" : null);

        using HttpResponseMessage response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task ViewingCustody_IsWrittenToTheAuditLog()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient client = await sut.SignInAsync(UserRoles.Slt, School);

        await client.GetAsync("/today", TestContext.Current.CancellationToken);
        await client.GetAsync("/api/custody", TestContext.Current.CancellationToken);

        IReadOnlyList<AuditEntry> audit = await sut.Services.GetRequiredService<PhoneSafe.Gateway.Infrastructure.UserStore>().GetAuditAsync(10, TestContext.Current.CancellationToken);
        Assert.Contains(audit, a => a.Action == "view:today");
        Assert.Contains(audit, a => a.Action == "view:custody-api");
        Assert.Contains(audit, a => a.Action == "sign-in");
    }

    [Fact]
    public async Task ImportStaff_ByStaffOrSlt_IsForbidden()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();

        foreach (string role in new[] { UserRoles.Staff, UserRoles.Slt })
        {
            HttpClient client = await sut.SignInAsync(role, School, role == UserRoles.Staff ? "T001" : null);
            using HttpResponseMessage response = await client.PostAsync(
                "/api/schools/web-school/people/import/staff", new StringContent("Staff Code,Legal Surname,Preferred Forename\r\nX1,Y,Z\r\n"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task OpenApi_AsAdmin_DescribesEveryApiEndpoint()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient client = await sut.SignInAsync(UserRoles.Admin, School);

        using System.Text.Json.JsonDocument document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        var described = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        string[] mapped = [.. sut.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            // OpenAPI writes {id:long} as {id} and drops a group's trailing slash.
            .Select(e => System.Text.RegularExpressions.Regex.Replace("/" + e.RoutePattern.RawText!.Trim('/'), @"\{(\w+):[^}]+\}", "{$1}"))
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal))
            .Distinct()];
        Assert.True(mapped.Length >= 30, $"only {mapped.Length} endpoints found");
        string[] missing = [.. mapped.Where(p => !described.Contains(p))];
        Assert.True(missing.Length == 0, "not described: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Health_Anonymous_ReportsDatabaseBrokerAndQueue()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();

        using System.Text.Json.JsonDocument health = System.Text.Json.JsonDocument.Parse(await sut.CreateHttpsClient().GetStringAsync("/health", TestContext.Current.CancellationToken));

        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        System.Text.Json.JsonElement checks = health.RootElement.GetProperty("checks");
        Assert.Equal(["Healthy", "Healthy", "Healthy"], new[] { "database", "mqtt", "ledger-queue" }.Select(c => checks.GetProperty(c).GetProperty("status").GetString()));
        Assert.Equal(0, checks.GetProperty("ledger-queue").GetProperty("data").GetProperty("depth").GetInt32());
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
