using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Writes audit lines for the current request's user.
/// </summary>
public static class AuditExtensions
{
    /// <summary>
    /// Records that the signed-in user viewed or changed something.
    /// </summary>
    /// <param name="http">The request.</param>
    /// <param name="users">The store holding the audit log.</param>
    /// <param name="action">What, for example "view:today".</param>
    /// <param name="detail">Which record or extra facts.</param>
    /// <returns>A task.</returns>
    public static Task AuditAsync(this HttpContext http, UserStore users, string action, string detail = "") =>
        users.AuditAsync(http.User.Identity?.Name ?? "anonymous", action, detail, http.Connection.RemoteIpAddress?.ToString() ?? "-", http.RequestAborted);
}
