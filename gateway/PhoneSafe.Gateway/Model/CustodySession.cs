namespace PhoneSafe.Gateway.Model;

/// <summary>
/// One phone's stay in a compartment, derived from the ledger: a deposit and the retrieval that ended it.
/// </summary>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Compartment">Compartment number.</param>
/// <param name="Credential">Credential hash of the phone's owner: the member of staff, or the pupil (subject) at the office.</param>
/// <param name="PersonId">The owner, when the credential is linked to someone.</param>
/// <param name="Pupil">true for a pupil phone taken in at the office.</param>
/// <param name="InUtc">When the phone went in (locker time when synced, else arrival at the gateway).</param>
/// <param name="OutUtc">When it came out, or null while it is still there.</param>
/// <param name="InBy">Who tapped for the deposit (office staff for a pupil phone), when linked.</param>
/// <param name="OutBy">Who tapped for the retrieval, when linked.</param>
/// <param name="InEventId">Ledger id of the deposit.</param>
/// <param name="OutEventId">Ledger id of the retrieval (or of the reconciliation), or null.</param>
/// <param name="Reconciled">true when the session was ended by a person at the gateway recording the phone as taken
/// out without the locker (override key, or while the controller was dead), not by the locker.</param>
public sealed record CustodySession(
    string Locker,
    int Compartment,
    string Credential,
    string? PersonId,
    bool Pupil,
    DateTimeOffset InUtc,
    DateTimeOffset? OutUtc,
    string? InBy,
    string? OutBy,
    long InEventId,
    long? OutEventId,
    bool Reconciled = false);
