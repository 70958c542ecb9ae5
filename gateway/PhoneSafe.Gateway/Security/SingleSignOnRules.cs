using System.Security.Claims;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Decides whether an identity from the identity provider may sign in, and which PhoneSafe account it maps to.
/// </summary>
public static class SingleSignOnRules
{
    /// <summary>
    /// Checks tenant, domain and e-mail of an external identity.
    /// </summary>
    /// <param name="external">The identity from the validated ID token.</param>
    /// <param name="options">The tenant and domain restrictions.</param>
    /// <param name="userName">The PhoneSafe user name to sign in as (the lower-cased e-mail), when allowed.</param>
    /// <returns>null when allowed, otherwise why not.</returns>
    public static string? Check(ClaimsPrincipal external, SingleSignOnOptions options, out string? userName)
    {
        userName = null;
        string? email = external.FindFirst("email")?.Value ?? external.FindFirst(ClaimTypes.Email)?.Value ?? external.FindFirst("preferred_username")?.Value;
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return "the identity provider sent no e-mail address";
        }

        if (string.Equals(external.FindFirst("email_verified")?.Value, "false", StringComparison.OrdinalIgnoreCase))
        {
            return "the e-mail address is not verified";
        }

        if (!string.IsNullOrEmpty(options.AllowedTenantId)
            && !string.Equals(external.FindFirst("tid")?.Value ?? external.FindFirst("http://schemas.microsoft.com/identity/claims/tenantid")?.Value, options.AllowedTenantId, StringComparison.OrdinalIgnoreCase))
        {
            return "the account is not in the school's tenant";
        }

        if (!string.IsNullOrEmpty(options.AllowedDomain))
        {
            string domain = email[(email.LastIndexOf('@') + 1)..];
            string? hostedDomain = external.FindFirst("hd")?.Value;
            if (!string.Equals(domain, options.AllowedDomain, StringComparison.OrdinalIgnoreCase)
                || (hostedDomain is not null && !string.Equals(hostedDomain, options.AllowedDomain, StringComparison.OrdinalIgnoreCase)))
            {
                return "the account is not in the school's domain";
            }
        }

        if (string.IsNullOrEmpty(options.AllowedTenantId) && string.IsNullOrEmpty(options.AllowedDomain))
        {
            return "single sign-on needs AllowedTenantId or AllowedDomain";
        }

        userName = email.Trim().ToLowerInvariant();
        return null;
    }
}
