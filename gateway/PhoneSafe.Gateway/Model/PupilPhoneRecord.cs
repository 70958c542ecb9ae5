namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A pupil phone intake or release at the office, kept for its own (longer) period after the ledger event it came
/// from was purged.
/// </summary>
/// <param name="ChainIndex">The event's position in the school's chain.</param>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Compartment">Compartment number.</param>
/// <param name="Type">"deposit" (intake) or "retrieve" (release).</param>
/// <param name="PupilCredential">The pupil's credential hash.</param>
/// <param name="StaffCredential">The office member of staff's credential hash.</param>
/// <param name="AtUtc">When the gateway received the event.</param>
public sealed record PupilPhoneRecord(long ChainIndex, string Locker, int Compartment, string Type, string PupilCredential, string StaffCredential, DateTimeOffset AtUtc);
