namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Another role for an account.
/// </summary>
/// <param name="Role">A <see cref="UserRoles"/> word.</param>
/// <param name="PersonId">The staff code, for a Staff account.</param>
public sealed record AccountRoleRequest(string? Role, string? PersonId);
