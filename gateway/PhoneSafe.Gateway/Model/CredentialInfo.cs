namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A credential (keyed hash of a card UID; the UID itself is never stored) and its owner.
/// </summary>
/// <param name="Credential">The credential hash, 32 lower-case hex characters.</param>
/// <param name="PersonId">Whose it is.</param>
/// <param name="EnrolledUtc">When it was enrolled.</param>
/// <param name="RevokedUtc">When it was revoked, or null while it is valid.</param>
public sealed record CredentialInfo(string Credential, string PersonId, DateTimeOffset EnrolledUtc, DateTimeOffset? RevokedUtc);
