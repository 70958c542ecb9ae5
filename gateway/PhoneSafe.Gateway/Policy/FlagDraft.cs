namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A flag the evaluator raises, before it is stored.
/// </summary>
/// <param name="Kind">A <see cref="FlagKind"/> word.</param>
/// <param name="DedupeKey">Identifies what was flagged, so the same thing is stored once per school and kind.</param>
/// <param name="PersonId">The person concerned, or null.</param>
/// <param name="Credential">The credential hash concerned, or null.</param>
/// <param name="Locker">The locker, or null.</param>
/// <param name="Compartment">The compartment, or null.</param>
/// <param name="EventId">The ledger event, or null for report rows.</param>
/// <param name="OccurredUtc">When the flagged thing happened.</param>
/// <param name="Detail">A sentence for the reviewer.</param>
/// <param name="SuppressedBy">The exception that applied (the flag is then stored as suppressed), or null.</param>
/// <param name="Refreshable">A summary whose detail (and status) is brought up to date while it is open or suppressed,
/// instead of being stored once and left.</param>
public sealed record FlagDraft(
    string Kind,
    string DedupeKey,
    string? PersonId,
    string? Credential,
    string? Locker,
    int? Compartment,
    long? EventId,
    DateTimeOffset OccurredUtc,
    string Detail,
    long? SuppressedBy = null,
    bool Refreshable = false)
{
    /// <summary>Gets the status the flag is stored with.</summary>
    public string Status => SuppressedBy is null ? FlagStatus.Open : FlagStatus.Suppressed;
}
