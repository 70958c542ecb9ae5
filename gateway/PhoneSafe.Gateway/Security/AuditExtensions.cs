using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Writes audit lines for the current request's user: the one place pages and the API audit.
/// </summary>
public static class AuditExtensions
{
    /// <summary>
    /// Records that the signed-in user viewed or changed something. The line starts with the user's school
    /// (<c>school=…</c>), so that each school reviews only its own lines.
    /// </summary>
    /// <param name="http">The request.</param>
    /// <param name="users">The store holding the audit log.</param>
    /// <param name="action">What, for example "view:today".</param>
    /// <param name="detail">Which record or extra facts, as "key=value; key=value".</param>
    /// <returns>A task.</returns>
    public static Task AuditAsync(this HttpContext http, UserStore users, string action, string detail = "") =>
        users.AuditAsync(
            http.User.Identity?.Name ?? "anonymous",
            action,
            ScopedDetail(http.User.FindFirst(GatewayClaims.School)?.Value, detail),
            http.RemoteAddress(),
            http.RequestAborted);

    /// <summary>
    /// Gets the client's address as the audit log records it.
    /// </summary>
    /// <param name="http">The request.</param>
    /// <returns>The address, or "-" when unknown.</returns>
    public static string RemoteAddress(this HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "-";

    /// <summary>
    /// Puts <c>school=…</c> first in an audit detail (replacing any school the caller wrote).
    /// </summary>
    /// <param name="school">The school, or null when unknown (the detail is kept as it is).</param>
    /// <param name="detail">"key=value; key=value".</param>
    /// <returns>"school=…; key=value; …".</returns>
    public static string ScopedDetail(string? school, string detail)
    {
        if (school is null)
        {
            return detail;
        }

        string[] rest = [.. detail.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("school=", StringComparison.Ordinal))];
        return string.Join("; ", [$"school={school}", .. rest]);
    }
}
