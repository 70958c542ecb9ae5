using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>
/// Single sign-on: the tenant/domain/e-mail rules, and the wiring (no identity provider can be reached from here,
/// so the full redirect round trip is not exercised).
/// </summary>
public sealed class SingleSignOnTests
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";

    [Theory]
    [InlineData("head@school.example", Tenant, null, null, null, "head@school.example")]
    [InlineData("Head@School.Example", Tenant, null, null, null, "head@school.example")]
    [InlineData("head@school.example", "99999999-2222-3333-4444-555555555555", null, null, null, null)]
    [InlineData("head@school.example", null, "school.example", "school.example", "true", "head@school.example")]
    [InlineData("head@school.example", null, "school.example", "school.example", null, null)]
    [InlineData("head@school.example", null, "school.example", "school.example", "false", null)]
    [InlineData("head@other.example", null, "other.example", "school.example", "true", null)]
    [InlineData("head@school.example", null, "other.example", "school.example", "true", null)]
    [InlineData(null, Tenant, null, null, null, null)]
    public void Check_ExternalIdentity_AllowedOnlyInTheSchoolsTenantOrDomainWithAVerifiedEmail(
        string? address, string? tenant, string? hostedDomain, string? allowedDomain, string? emailVerified, string? expectedUserName)
    {
        var claims = new List<Claim>();
        AddIf(claims, tenant is null ? "email" : "preferred_username", address);
        AddIf(claims, "tid", tenant);
        AddIf(claims, "hd", hostedDomain);
        AddIf(claims, "email_verified", emailVerified);
        var options = new SingleSignOnOptions { AllowedTenantId = allowedDomain is null ? Tenant : null, AllowedDomain = allowedDomain };

        string? reason = SingleSignOnRules.Check(new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc")), options, out string? userName);

        Assert.Equal(expectedUserName, userName);
        Assert.Equal(expectedUserName is null, reason is not null);
    }

    [Fact]
    public void Check_EntraEmailClaimWithoutPrincipalName_IsNotTrusted()
    {
        // In Entra ID the e-mail claim is editable and unverified: another person's address there must not sign in.
        var identity = new ClaimsIdentity([new Claim("email", "head@school.example"), new Claim("tid", Tenant)], "oidc");

        string? reason = SingleSignOnRules.Check(new ClaimsPrincipal(identity), new SingleSignOnOptions { AllowedTenantId = Tenant }, out string? userName);

        Assert.NotNull(reason);
        Assert.Null(userName);
    }

    [Fact]
    public void Check_NoTenantOrDomainRestrictionConfigured_RefusesEveryone()
    {
        var identity = new ClaimsIdentity([new Claim("email", "head@school.example"), new Claim("tid", Tenant)], "oidc");

        string? reason = SingleSignOnRules.Check(new ClaimsPrincipal(identity), new SingleSignOnOptions(), out string? userName);

        Assert.NotNull(reason);
        Assert.Null(userName);
    }

    [Fact]
    public async Task Enabled_RegistersTheSchemeAndOffersTheButton_DisabledDoesNeither()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using WebApplicationFactory<Program> withSso = gateway.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("MqttOptions:Port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("SingleSignOnOptions:Enabled", "true");
            builder.UseSetting("SingleSignOnOptions:DisplayName", "Microsoft 365");
            builder.UseSetting("SingleSignOnOptions:Authority", $"https://login.microsoftonline.com/{Tenant}/v2.0");
            builder.UseSetting("SingleSignOnOptions:ClientId", "phonesafe-test");
            builder.UseSetting("SingleSignOnOptions:AllowedTenantId", Tenant);
        });

        var schemes = withSso.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.NotNull(await schemes.GetSchemeAsync(SingleSignOn.Scheme));
        HttpClient client = withSso.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.Contains("Sign in with your Microsoft 365", await client.GetStringAsync("/login", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        Assert.Null(await gateway.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(SingleSignOn.Scheme));
        HttpClient plain = gateway.CreateHttpsClient();
        Assert.DoesNotContain("data-testid=\"sso\"", await plain.GetStringAsync("/login", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync("/login?handler=Sso", TestContext.Current.CancellationToken)).StatusCode);
    }

    private static void AddIf(List<Claim> claims, string type, string? value)
    {
        if (value is not null)
        {
            claims.Add(new Claim(type, value));
        }
    }
}
