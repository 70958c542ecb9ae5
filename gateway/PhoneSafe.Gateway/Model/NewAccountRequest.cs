namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A new account in the administrator's school.
/// </summary>
/// <param name="UserName">Sign-in name: 3 to 64 letters, digits, '.', '-', '_' or '@' (lower-cased).</param>
/// <param name="DisplayName">Name shown in the dashboard and the audit log.</param>
/// <param name="Role">A <see cref="UserRoles"/> word.</param>
/// <param name="PersonId">The staff code, for a Staff account.</param>
/// <param name="Password">The initial password, at least 12 characters.</param>
public sealed record NewAccountRequest(string? UserName, string? DisplayName, string? Role, string? PersonId, string? Password);
