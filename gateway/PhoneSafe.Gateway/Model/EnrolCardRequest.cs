namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Body of POST .../people/{personId}/credentials.
/// </summary>
/// <param name="Uid">The card UID in hex as a desk reader shows it (4, 7 or 10 bytes; spaces, ':' and '-' allowed). Hashed at once, never stored.</param>
public sealed record EnrolCardRequest(string? Uid);
