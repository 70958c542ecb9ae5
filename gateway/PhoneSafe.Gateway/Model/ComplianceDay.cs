namespace PhoneSafe.Gateway.Model;

/// <summary>
/// One member of staff on one school day with contact time.
/// </summary>
/// <param name="Date">The school's local date.</param>
/// <param name="PersonId">Staff code.</param>
/// <param name="Name">Display name.</param>
/// <param name="Department">Department, or "(none)".</param>
/// <param name="Deposited">Whether a phone of theirs was in a locker at the start of their contact time.</param>
/// <param name="ContactStartUtc">The start of their contact time.</param>
/// <param name="RetrievalsInContact">How many times they retrieved a phone inside their contact time.</param>
public sealed record ComplianceDay(DateOnly Date, string PersonId, string Name, string Department, bool Deposited, DateTimeOffset ContactStartUtc, int RetrievalsInContact);
