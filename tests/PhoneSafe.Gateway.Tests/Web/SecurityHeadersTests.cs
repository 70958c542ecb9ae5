using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>Browser protections and reverse-proxy handling through the real pipeline.</summary>
public sealed class SecurityHeadersTests
{
    private const string School = "web-school";

    [Theory]
    [InlineData("/login")]
    [InlineData("/api/custody")]
    [InlineData("/lockers")]
    public async Task Answer_CarriesContentSecurityPolicyNoFramingAndNoStore(string path)
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient client = await sut.SignInAsync(UserRoles.Admin, School);

        using HttpResponseMessage response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore, "personal data must not be cached");
    }

    [Fact]
    public async Task Https_ToTheSchoolsHostName_SendsStrictTransportSecurity()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        HttpClient client = sut.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://phonesafe.school.example"), AllowAutoRedirect = false });

        using HttpResponseMessage response = await client.GetAsync("/login", TestContext.Current.CancellationToken);

        Assert.Contains("max-age=31536000", string.Join(";", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.5", "203.0.113.7")]
    [InlineData(null, "10.0.0.5")]
    public async Task ForwardedFor_IsBelievedOnlyFromAConfiguredProxy(string? knownProxy, string audited)
    {
        using var sut = new GatewayHost();
        if (knownProxy is not null)
        {
            sut.Settings["ReverseProxyOptions:KnownProxies:0"] = knownProxy;
        }

        // Every request arrives from 10.0.0.5 (the proxy's address), claiming a client behind it.
        sut.ConfigureServices = services => services.AddSingleton<IStartupFilter>(new FromAddress(IPAddress.Parse("10.0.0.5")));
        await sut.StartAsync();
        HttpClient client = sut.CreateHttpsClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        await GatewayHost.PostSignInAsync(client, "nobody", "wrong password");

        AuditEntry entry = Assert.Single(await sut.Services.GetRequiredService<UserStore>().GetAuditAsync(1, TestContext.Current.CancellationToken));
        Assert.Equal(("sign-in:failed", audited), (entry.Action, entry.Remote));
    }

    private sealed class FromAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate rest) =>
            {
                context.Connection.RemoteIpAddress = address;
                return rest(context);
            });
            next(app);
        };
    }
}
