using System.Security.Claims;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Who does a write action and from where: what the action checks roles against and writes to the audit log.
/// </summary>
/// <param name="User">The signed-in user.</param>
/// <param name="Remote">The client address, or "-".</param>
public sealed record Actor(ClaimsPrincipal User, string Remote)
{
    /// <summary>Gets the account name recorded as doing it.</summary>
    public string Name => User.Identity?.Name ?? "-";

    /// <summary>Gets the person the account is linked to, or null.</summary>
    public string? PersonId => User.FindFirst(GatewayClaims.PersonId)?.Value is { Length: > 0 } id ? id : null;

    /// <summary>
    /// The user of a request.
    /// </summary>
    /// <param name="http">The request.</param>
    /// <returns>The actor.</returns>
    public static Actor Of(HttpContext http) => new(http.User, http.Connection.RemoteIpAddress?.ToString() ?? "-");

    /// <summary>
    /// Writes an audit line for this actor, scoped to the school.
    /// </summary>
    /// <param name="users">The audit log.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="action">What, such as "notice:email".</param>
    /// <param name="detail">"key=value; key=value".</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public Task AuditAsync(UserStore users, string school, string action, string detail, CancellationToken cancellationToken) =>
        users.AuditAsync(Name, action, AuditExtensions.ScopedDetail(school, detail), Remote, cancellationToken);
}
