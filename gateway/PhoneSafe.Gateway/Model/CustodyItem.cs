namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A phone in custody now: which compartment holds it, whose credential deposited it, and since when.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Compartment">Compartment number.</param>
/// <param name="Credential">Credential hash of the depositor (never a card UID).</param>
/// <param name="SinceUtc">When it was deposited (device time if synchronised, otherwise arrival time).</param>
/// <param name="Sequence">Sequence number of the deposit event.</param>
public sealed record CustodyItem(string School, string Locker, int Compartment, string Credential, DateTimeOffset SinceUtc, long Sequence);
