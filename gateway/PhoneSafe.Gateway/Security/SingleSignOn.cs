using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// OpenID Connect sign-in (Microsoft Entra ID, Google Workspace) onto existing PhoneSafe accounts.
/// </summary>
public static class SingleSignOn
{
    /// <summary>The authentication scheme name.</summary>
    public const string Scheme = "oidc";

    /// <summary>
    /// Configures the OpenID Connect handler: authorization code flow, and after the ID token is validated the
    /// tenant/domain rules, the account lookup (no auto-provisioning), the lock-out and the audit log.
    /// </summary>
    /// <param name="options">The handler options.</param>
    /// <param name="singleSignOn">The school's settings.</param>
    public static void Configure(OpenIdConnectOptions options, SingleSignOnOptions singleSignOn)
    {
        options.Authority = singleSignOn.Authority;
        options.ClientId = singleSignOn.ClientId;
        options.ClientSecret = singleSignOn.ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.Scope.Add("email");
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.CallbackPath = "/signin-oidc";
        options.Events.OnTokenValidated = async context =>
        {
            HttpContext http = context.HttpContext;
            var users = http.RequestServices.GetRequiredService<UserStore>();
            string remote = http.Connection.RemoteIpAddress?.ToString() ?? "-";
            string? reason = SingleSignOnRules.Check(context.Principal!, singleSignOn, out string? userName);
            var found = reason is null ? await users.FindAsync(userName!, http.RequestAborted) : null;
            if (reason is null && found is null)
            {
                reason = "no PhoneSafe account has this e-mail address as its user name";
            }

            DateTimeOffset now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            if (reason is null && found!.User.Disabled)
            {
                reason = "the account is disabled";
            }

            if (reason is null && found!.LockedUntil > now)
            {
                reason = "the account is locked";
            }

            if (reason is not null)
            {
                await users.AuditAsync(userName ?? "unknown", "sign-in:sso-refused", reason, remote, http.RequestAborted);
                context.Fail(reason);
                return;
            }

            context.Principal = AccountService.ToPrincipal(found!, now);
            await users.AuditAsync(found!.User.UserName, "sign-in:sso", AuditExtensions.ScopedDetail(found.User.School, string.Empty), remote, http.RequestAborted);
        };
    }
}
