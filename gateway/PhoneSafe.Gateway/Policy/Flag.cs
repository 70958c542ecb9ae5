namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A stored flag: something a person at the school should look at, and where its review has got to.
/// </summary>
/// <param name="Id">Identifier.</param>
/// <param name="School">School identifier.</param>
/// <param name="Kind">A <see cref="FlagKind"/> word.</param>
/// <param name="Status">A <see cref="FlagStatus"/> word.</param>
/// <param name="Resolution">A <see cref="FlagResolution"/> word when resolved, else null.</param>
/// <param name="PersonId">The person concerned, or null.</param>
/// <param name="Credential">The credential hash concerned, or null.</param>
/// <param name="Locker">The locker, or null.</param>
/// <param name="Compartment">The compartment, or null.</param>
/// <param name="EventId">The ledger event, or null.</param>
/// <param name="OccurredUtc">When the flagged thing happened.</param>
/// <param name="RaisedUtc">When the gateway raised the flag.</param>
/// <param name="Detail">What happened, for the reviewer.</param>
/// <param name="ExceptionId">The exception that suppressed it, or null.</param>
/// <param name="UpdatedUtc">When its status last changed.</param>
public sealed record Flag(
    long Id,
    string School,
    string Kind,
    string Status,
    string? Resolution,
    string? PersonId,
    string? Credential,
    string? Locker,
    int? Compartment,
    long? EventId,
    DateTimeOffset OccurredUtc,
    DateTimeOffset RaisedUtc,
    string Detail,
    long? ExceptionId,
    DateTimeOffset UpdatedUtc);
