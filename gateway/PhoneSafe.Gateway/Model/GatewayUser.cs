namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A dashboard account.
/// </summary>
/// <param name="Id">Row identifier.</param>
/// <param name="UserName">Sign-in name (lower case).</param>
/// <param name="DisplayName">Name shown in the dashboard and the audit log.</param>
/// <param name="Role">A <see cref="UserRoles"/> word.</param>
/// <param name="School">The school the account belongs to.</param>
/// <param name="PersonId">For Staff accounts, the person whose record they may see; otherwise null.</param>
/// <param name="Disabled">true when the account may no longer sign in (a leaver); its history stays.</param>
public sealed record GatewayUser(long Id, string UserName, string DisplayName, string Role, string School, string? PersonId, bool Disabled = false);
