namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// One change of a flag: raised, reviewed, noted, resolved or reopened.
/// </summary>
/// <param name="Id">Identifier.</param>
/// <param name="FlagId">The flag.</param>
/// <param name="AtUtc">When.</param>
/// <param name="By">Who (as given by the caller until sign-in exists; "policy" for the gateway itself).</param>
/// <param name="FromStatus">Status before, or null when raised.</param>
/// <param name="ToStatus">Status after.</param>
/// <param name="Resolution">Resolution given, or null.</param>
/// <param name="Note">The reviewer's note, or null.</param>
public sealed record FlagHistoryEntry(long Id, long FlagId, DateTimeOffset AtUtc, string By, string? FromStatus, string ToStatus, string? Resolution, string? Note);
