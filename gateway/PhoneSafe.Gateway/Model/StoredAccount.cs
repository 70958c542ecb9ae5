namespace PhoneSafe.Gateway.Model;

/// <summary>
/// An account as stored, with its sign-in state.
/// </summary>
/// <param name="User">The account.</param>
/// <param name="PasswordHash">The hash from the password hasher.</param>
/// <param name="FailedSignIns">Failed attempts since the last success or lock-out.</param>
/// <param name="LockedUntil">End of the lock-out, or null.</param>
/// <param name="SecurityStamp">Changes whenever the account's access changes; a session carrying an older stamp ends.</param>
public sealed record StoredAccount(GatewayUser User, string PasswordHash, int FailedSignIns, DateTimeOffset? LockedUntil, string SecurityStamp);
