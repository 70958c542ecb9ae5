namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A locker as the lockers API shows it.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Kind">A <see cref="LockerKind"/> word, or null for a locker provisioned without registration (the gateway does not publish its configuration).</param>
/// <param name="Compartments">Number of compartments, or null when not registered.</param>
/// <param name="Online">Whether its last status was "online".</param>
/// <param name="Status">Its last status ("online", "offline") or null before the first one.</param>
/// <param name="StatusUtc">When that status arrived.</param>
/// <param name="AckedSequence">The highest event sequence stored with no gap below it.</param>
/// <param name="PublishedVersion">The configuration version the gateway last published to it.</param>
/// <param name="PublishedUtc">When that version was published.</param>
/// <param name="AppliedVersion">The configuration version the locker last reported applying, or null when unknown.</param>
/// <param name="AppliedVersionInferred">true when the locker's config-applied event had no "ver" (older firmware) and the version is the one published before it arrived.</param>
/// <param name="AppliedUtc">When that config-applied event arrived.</param>
public sealed record LockerInfo(
    string School,
    string Locker,
    string? Kind,
    int? Compartments,
    bool Online,
    string? Status,
    DateTimeOffset? StatusUtc,
    long AckedSequence,
    long? PublishedVersion,
    DateTimeOffset? PublishedUtc,
    long? AppliedVersion,
    bool AppliedVersionInferred,
    DateTimeOffset? AppliedUtc);
