using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Ends sessions that should no longer work, on every request: the account was deleted or disabled, its role,
/// password or access changed (a new security stamp), or the session began more than
/// <see cref="AbsoluteLifetime"/> ago, however often it was renewed since.
/// </summary>
public static class SessionValidation
{
    /// <summary>
    /// Longest a session lasts from sign-in, whatever its activity. A board left open on a screen renews its cookie
    /// while it is used; this makes it sign in again every day.
    /// </summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// The cookie handler's principal check: rejects the session and clears its cookie when it is no longer current.
    /// </summary>
    /// <param name="context">The cookie validation context.</param>
    /// <returns>A task.</returns>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await IsCurrentAsync(context.HttpContext, context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>
    /// Tells whether a signed-in user's session is still current (also used by streams that outlive a request's check).
    /// </summary>
    /// <param name="http">The request, for its services.</param>
    /// <param name="user">The signed-in user.</param>
    /// <returns>true when the account exists, is enabled, has the session's stamp, and the session is not too old.</returns>
    public static async Task<bool> IsCurrentAsync(HttpContext http, ClaimsPrincipal user)
    {
        if (!long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            || !long.TryParse(user.FindFirstValue(GatewayClaims.SignedIn), NumberStyles.None, CultureInfo.InvariantCulture, out long signedIn))
        {
            return false;
        }

        DateTimeOffset now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (now - DateTimeOffset.FromUnixTimeSeconds(signedIn) >= AbsoluteLifetime)
        {
            return false;
        }

        StoredAccount? account = await http.RequestServices.GetRequiredService<UserStore>().FindByIdAsync(id, http.RequestAborted);
        return account is not null
            && !account.User.Disabled
            && account.User.UserName == user.Identity?.Name
            && account.SecurityStamp == user.FindFirstValue(GatewayClaims.SecurityStamp);
    }
}
