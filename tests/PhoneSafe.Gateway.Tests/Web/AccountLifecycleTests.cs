using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Services;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>
/// The account lifecycle through the real pipeline: an administrator's change ends the account's sessions on their
/// next request, live streams included; sessions end after the absolute lifetime; the first-run link.
/// </summary>
public sealed class AccountLifecycleTests
{
    private const string School = "web-school";
    private const string Accounts = "/api/schools/web-school/accounts";

    [Fact]
    public async Task Disable_SignedInAccount_EndsItsSessionAndItCannotSignInAgain()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient admin = await sut.SignInAsync(UserRoles.Admin, School);
        (HttpClient leaver, long id) = await SignInAsync(sut, "leaver", UserRoles.Slt);
        Assert.Equal(HttpStatusCode.OK, (await leaver.GetAsync("/api/custody", Ct)).StatusCode);

        using HttpResponseMessage disabled = await admin.PostAsync($"{Accounts}/{id}/disable", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await leaver.GetAsync("/api/custody", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await leaver.GetAsync("/today", Ct)).StatusCode);
        using HttpResponseMessage again = await GatewayHost.PostSignInAsync(sut.CreateHttpsClient(), "leaver", GatewayHost.TestPassword);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(await AuditAsync(sut), a => a.Action == "account:disabled" && a.Detail == $"school={School}; id={id}");
    }

    [Fact]
    public async Task ChangeRole_EndsTheSession_AndTheNewRoleAppliesAtTheNextSignIn()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient admin = await sut.SignInAsync(UserRoles.Admin, School);
        (HttpClient moved, long id) = await SignInAsync(sut, "moved", UserRoles.Slt);
        Assert.Equal(HttpStatusCode.OK, (await moved.GetAsync("/api/schools/web-school/flags", Ct)).StatusCode);

        using HttpResponseMessage changed = await admin.PutAsJsonAsync($"{Accounts}/{id}/role", new AccountRoleRequest(UserRoles.Office, null), Ct);

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await moved.GetAsync("/api/schools/web-school/flags", Ct)).StatusCode);
        HttpClient office = sut.CreateHttpsClient();
        Assert.Equal(HttpStatusCode.Redirect, (await GatewayHost.PostSignInAsync(office, "moved", GatewayHost.TestPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync("/api/schools/web-school/flags", Ct)).StatusCode);
    }

    [Fact]
    public async Task ResetPassword_EndsTheSession_AndOnlyTheNewPasswordSignsIn()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient admin = await sut.SignInAsync(UserRoles.Admin, School);
        (HttpClient forgot, long id) = await SignInAsync(sut, "forgot", UserRoles.Office);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"{Accounts}/{id}/password", new PasswordResetRequest("short"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"{Accounts}/{id}/password", new PasswordResetRequest("a brand new passphrase"), Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await forgot.GetAsync("/api/custody", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GatewayHost.PostSignInAsync(sut.CreateHttpsClient(), "forgot", GatewayHost.TestPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await GatewayHost.PostSignInAsync(sut.CreateHttpsClient(), "forgot", "a brand new passphrase")).StatusCode);
    }

    [Fact]
    public async Task Delete_LastAdministrator_IsRefusedAndAudited_OtherAccountsAreDeleted()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        (HttpClient admin, long adminId) = await SignInAsync(sut, "only.admin", UserRoles.Admin);
        (HttpClient office, long officeId) = await SignInAsync(sut, "office.one", UserRoles.Office);

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{Accounts}/{adminId}/disable", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"{Accounts}/{adminId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Accounts}/{officeId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{Accounts}/{officeId}", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await office.GetAsync("/api/custody", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/custody", Ct)).StatusCode);
        IReadOnlyList<AuditEntry> audit = await AuditAsync(sut);
        Assert.Contains(audit, a => a.Action == "account:deleted:refused");
        Assert.Contains(audit, a => a.Action == "account:deleted" && a.Detail.Contains($"id={officeId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_AccountOfAnotherSchool_IsOutOfReach()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient admin = await sut.SignInAsync(UserRoles.Admin, School);
        Assert.Null(await sut.Services.GetRequiredService<AccountService>().CreateAsync(new GatewayUser(0, "other.office", "O", UserRoles.Office, "other-school", null), GatewayHost.TestPassword, Ct));
        long otherId = (await sut.Services.GetRequiredService<UserStore>().FindAsync("other.office", Ct))!.User.Id;

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/schools/other-school/accounts", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"{Accounts}/{otherId}/disable", null, Ct)).StatusCode);
        List<GatewayUser> listed = (await admin.GetFromJsonAsync<List<GatewayUser>>(Accounts, Ct))!;
        Assert.DoesNotContain(listed, u => u.School != School);
        Assert.Single(listed);
    }

    [Fact]
    public async Task AccountsPage_DisableAndEnableForms_ChangeTheAccount()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient admin = await sut.SignInAsync(UserRoles.Admin, School);
        (_, long id) = await SignInAsync(sut, "leaver", UserRoles.Staff, "T001");
        string token = await GatewayHost.AntiforgeryTokenAsync(admin, "/accounts");

        using HttpResponseMessage page = await admin.PostAsync($"/accounts?handler=Disable&id={id}", Form(("__RequestVerificationToken", token)), Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Account disabled", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True((await sut.Services.GetRequiredService<UserStore>().FindByIdAsync(id, Ct))!.User.Disabled);
        await admin.PostAsync($"/accounts?handler=Enable&id={id}", Form(("__RequestVerificationToken", token)), Ct);
        Assert.False((await sut.Services.GetRequiredService<UserStore>().FindByIdAsync(id, Ct))!.User.Disabled);
    }

    [Fact]
    public async Task LiveStream_AccountDisabled_EndsAtTheNextNoticeWithoutDeliveringIt()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient admin = await sut.SignInAsync(UserRoles.Admin, School);
        (HttpClient board, long id) = await SignInAsync(sut, "board", UserRoles.Office);
        using HttpResponseMessage stream = await board.GetAsync("/live", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(Ct));
        Assert.Equal("event: connected", await reader.ReadLineAsync(Ct));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"{Accounts}/{id}/disable", null, Ct)).StatusCode);
        sut.Services.GetRequiredService<LiveUpdates>().Publish("custody");

        string rest = await reader.ReadToEndAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.DoesNotContain("custody", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_RenewedByUse_EndsAfterTheAbsoluteLifetime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sut = new GatewayHost { ConfigureServices = services => services.AddSingleton<TimeProvider>(time) };
        await sut.StartAsync();
        HttpClient board = await sut.SignInAsync(UserRoles.Office, School);

        // Used every five hours, the eight-hour sliding cookie is renewed each time; the session still ends.
        for (TimeSpan used = TimeSpan.Zero; used < SessionValidation.AbsoluteLifetime; used += TimeSpan.FromHours(5))
        {
            Assert.Equal(HttpStatusCode.OK, (await board.GetAsync("/api/custody", Ct)).StatusCode);
            time.Advance(TimeSpan.FromHours(5));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await board.GetAsync("/api/custody", Ct)).StatusCode);
    }

    [Fact]
    public async Task FirstRun_TwoConcurrentPosts_CreateOneAdministrator()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        string token = (await sut.Services.GetRequiredService<FirstRunSetup>().IssueIfNoAccountsAsync(Ct))!;
        HttpClient[] clients = [sut.CreateHttpsClient(), sut.CreateHttpsClient()];
        string[] antiforgery = await Task.WhenAll(clients.Select(c => GatewayHost.AntiforgeryTokenAsync(c, "/setup?token=" + token)));

        HttpResponseMessage[] posts = await Task.WhenAll(clients.Select((c, i) => c.PostAsync("/setup", Form(
            ("Token", token), ("School", School), ("UserName", "admin" + i), ("DisplayName", "Admin " + i),
            ("Password", GatewayHost.TestPassword), ("Confirm", GatewayHost.TestPassword), ("__RequestVerificationToken", antiforgery[i])), Ct)));

        Assert.Equal(1, await sut.Services.GetRequiredService<UserStore>().CountAsync(Ct));
        Assert.Single(posts, p => p.StatusCode == HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task FirstRun_LinkOlderThanItsLifetime_IsNotFound()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sut = new GatewayHost { ConfigureServices = services => services.AddSingleton<TimeProvider>(time) };
        await sut.StartAsync();
        string token = (await sut.Services.GetRequiredService<FirstRunSetup>().IssueIfNoAccountsAsync(Ct))!;
        HttpClient client = sut.CreateHttpsClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/setup?token=" + token, Ct)).StatusCode);

        time.Advance(FirstRunSetup.TokenLifetime);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup?token=" + token, Ct)).StatusCode);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpClient Client, long Id)> SignInAsync(GatewayHost sut, string userName, string role, string? personId = null)
    {
        Assert.Null(await sut.Services.GetRequiredService<AccountService>().CreateAsync(new GatewayUser(0, userName, userName, role, School, personId), GatewayHost.TestPassword, Ct));
        HttpClient client = sut.CreateHttpsClient();
        Assert.Equal(HttpStatusCode.Redirect, (await GatewayHost.PostSignInAsync(client, userName, GatewayHost.TestPassword)).StatusCode);
        return (client, (await sut.Services.GetRequiredService<UserStore>().FindAsync(userName, Ct))!.User.Id);
    }

    private static Task<IReadOnlyList<AuditEntry>> AuditAsync(GatewayHost sut) => sut.Services.GetRequiredService<UserStore>().GetAuditAsync(50, Ct);

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
