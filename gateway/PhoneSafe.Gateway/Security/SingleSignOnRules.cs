using System.Security.Claims;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Decides whether an identity from the identity provider may sign in, and which PhoneSafe account it maps to.
/// </summary>
public static class SingleSignOnRules
{
    /// <summary>
    /// Checks tenant, domain and e-mail of an external identity. The sign-in name must be one the school controls:
    /// in a Microsoft Entra tenant the user principal name (<c>preferred_username</c> or <c>upn</c>; Entra's
    /// <c>email</c> claim can be set by users and is ignored); elsewhere the <c>email</c> claim, only with
    /// <c>email_verified</c> true.
    /// </summary>
    /// <param name="external">The identity from the validated ID token.</param>
    /// <param name="options">The tenant and domain restrictions.</param>
    /// <param name="userName">The PhoneSafe user name to sign in as (lower-cased), when allowed.</param>
    /// <returns>null when allowed, otherwise why not.</returns>
    public static string? Check(ClaimsPrincipal external, SingleSignOnOptions options, out string? userName)
    {
        userName = null;
        if (string.IsNullOrEmpty(options.AllowedTenantId) && string.IsNullOrEmpty(options.AllowedDomain))
        {
            return "single sign-on needs AllowedTenantId or AllowedDomain";
        }

        string? name;
        if (!string.IsNullOrEmpty(options.AllowedTenantId))
        {
            if (!string.Equals(external.FindFirst("tid")?.Value ?? external.FindFirst("http://schemas.microsoft.com/identity/claims/tenantid")?.Value, options.AllowedTenantId, StringComparison.OrdinalIgnoreCase))
            {
                return "the account is not in the school's tenant";
            }

            name = external.FindFirst("preferred_username")?.Value ?? external.FindFirst("upn")?.Value ?? external.FindFirst(ClaimTypes.Upn)?.Value;
        }
        else
        {
            name = external.FindFirst("email")?.Value ?? external.FindFirst(ClaimTypes.Email)?.Value;
            if (name is not null && !string.Equals(external.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase))
            {
                return "the e-mail address is not verified";
            }
        }

        if (string.IsNullOrWhiteSpace(name) || !name.Contains('@', StringComparison.Ordinal))
        {
            return "the identity provider sent no sign-in address";
        }

        if (!string.IsNullOrEmpty(options.AllowedDomain))
        {
            string domain = name[(name.LastIndexOf('@') + 1)..];
            string? hostedDomain = external.FindFirst("hd")?.Value;
            if (!string.Equals(domain, options.AllowedDomain, StringComparison.OrdinalIgnoreCase)
                || (hostedDomain is not null && !string.Equals(hostedDomain, options.AllowedDomain, StringComparison.OrdinalIgnoreCase)))
            {
                return "the account is not in the school's domain";
            }
        }

        userName = name.Trim().ToLowerInvariant();
        return null;
    }
}
