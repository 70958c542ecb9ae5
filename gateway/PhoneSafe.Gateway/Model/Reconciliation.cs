namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A ledger entry recorded by a person at the gateway, not by a locker: a phone taken out without the locker, which
/// ends the custody of the phone recorded in that compartment.
/// </summary>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Compartment">Compartment number.</param>
/// <param name="Credential">Credential hash of the custody it ended (the depositing card).</param>
/// <param name="Subject">The pupil's credential hash for a phone taken in at the office, or empty.</param>
/// <param name="ClosesSequence">The locker's sequence number of the deposit it ended.</param>
/// <param name="TakenOutUtc">When the phone was taken out, as reported.</param>
/// <param name="TakenOutBy">Who took it out, as reported.</param>
/// <param name="Reason">Why.</param>
/// <param name="RecordedBy">The gateway user who recorded it.</param>
/// <param name="RecordedUtc">When it was recorded.</param>
/// <param name="ChainIndex">Its position in the school's ledger chain (0 until stored).</param>
public sealed record Reconciliation(
    string Locker,
    int Compartment,
    string Credential,
    string Subject,
    long ClosesSequence,
    DateTimeOffset TakenOutUtc,
    string TakenOutBy,
    string Reason,
    string RecordedBy,
    DateTimeOffset RecordedUtc,
    long ChainIndex)
{
    /// <summary>Gets the credential hash of the phone the locker holds there: the pupil's at the office, else the depositing card.</summary>
    public string Occupant => Subject.Length != 0 ? Subject : Credential;
}
