using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>
/// Cross-site request forgery: a signed-in browser tricked by another site into changing data is refused, on every
/// data-changing API endpoint (enumerated from the routing table) and on the dashboard's forms.
/// </summary>
public sealed class CrossSiteRequestTests
{
    private const string School = "csrf-school";
    private const string Refusal = "Cross-site request refused";

    [Fact]
    public async Task EveryDataChangingApiEndpoint_RefusesCrossSiteRequests_ButNotSameOrigin()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        List<(string Method, string Path, string ContentType)> endpoints = ApiEndpoints.Of(gateway, School).Where(e => e.Method != "GET").ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} data-changing API endpoints found");
        HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);

        var failures = new List<string>();
        foreach ((string method, string path, string contentType) in endpoints)
        {
            (HttpStatusCode status, string body) = await ApiEndpoints.SendAsync(admin, method, path, contentType, ("Origin", "https://evil.example"));
            if (status != HttpStatusCode.Forbidden || !body.Contains(Refusal, StringComparison.Ordinal))
            {
                failures.Add($"{method} {path} from another Origin -> {(int)status}");
            }

            (status, body) = await ApiEndpoints.SendAsync(admin, method, path, contentType, ("Sec-Fetch-Site", "cross-site"));
            if (status != HttpStatusCode.Forbidden || !body.Contains(Refusal, StringComparison.Ordinal))
            {
                failures.Add($"{method} {path} with Sec-Fetch-Site cross-site -> {(int)status}");
            }

            // The same request from the gateway's own pages reaches the endpoint (which may still refuse the body).
            (status, body) = await ApiEndpoints.SendAsync(admin, method, path, contentType, ("Origin", "https://localhost"), ("Sec-Fetch-Site", "same-origin"));
            if (body.Contains(Refusal, StringComparison.Ordinal))
            {
                failures.Add($"{method} {path} same-origin refused as cross-site ({(int)status})");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task DashboardForm_PostedWithoutItsAntiforgeryToken_IsRejectedAndChangesNothing()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        var form = new Dictionary<string, string>
        {
            ["UserName"] = "forged-account",
            ["DisplayName"] = "Forged",
            ["Role"] = UserRoles.Admin,
            ["Password"] = GatewayHost.TestPassword,
        };

        using HttpResponseMessage forged = await admin.PostAsync("/accounts", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        UserStore users = gateway.Services.GetRequiredService<UserStore>();
        Assert.Null(await users.FindAsync("forged-account", TestContext.Current.CancellationToken));

        form["__RequestVerificationToken"] = await GatewayHost.AntiforgeryTokenAsync(admin, "/accounts");
        using HttpResponseMessage genuine = await admin.PostAsync("/accounts", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.NotNull(await users.FindAsync("forged-account", TestContext.Current.CancellationToken));
    }
}
