namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A signed command the gateway sent to a locker, and what became of it.
/// </summary>
/// <param name="Id">The command identifier (the locker runs each at most once).</param>
/// <param name="School">School identifier.</param>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Command">unlock, clear, identify, enrol, intake or release.</param>
/// <param name="Compartment">The compartment, or 0.</param>
/// <param name="PersonId">The pupil of an intake or release, when known; otherwise null.</param>
/// <param name="Reason">Why it was sent (required for unlock and clear), or null.</param>
/// <param name="IssuedBy">The user who sent it.</param>
/// <param name="IssuedUtc">When it was sent.</param>
/// <param name="ExpiresUtc">After this the locker refuses it.</param>
/// <param name="State">One of <see cref="CommandStates"/>.</param>
/// <param name="Refusal">The locker's reason for refusing it, or null.</param>
/// <param name="SettledUtc">When the result (or the expiry) was recorded, or null while sent.</param>
public sealed record LockerCommandRecord(
    string Id,
    string School,
    string Locker,
    string Command,
    int Compartment,
    string? PersonId,
    string? Reason,
    string IssuedBy,
    DateTimeOffset IssuedUtc,
    DateTimeOffset ExpiresUtc,
    string State,
    string? Refusal,
    DateTimeOffset? SettledUtc);
