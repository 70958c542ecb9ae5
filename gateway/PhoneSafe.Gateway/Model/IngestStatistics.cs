namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Counters of the ingest pipeline since the gateway started.
/// </summary>
/// <param name="Received">Messages taken from the broker.</param>
/// <param name="Stored">New events committed to the ledger.</param>
/// <param name="Duplicates">Events already in the ledger (resent by a locker), acknowledged again.</param>
/// <param name="Rejected">
/// Messages refused, by reason: quarantined ones under their reason word, and those dropped by the per-locker rate
/// limit (not quarantined) under "rate-limited".
/// </param>
/// <param name="AcksSent">Acknowledgements published.</param>
/// <param name="Batches">Transactions committed.</param>
/// <param name="RateLimited">
/// Messages dropped by the rate limit, per locker named by the topic: "school/locker" for its authentic events,
/// "school/locker (unverified)" for anything else on its topics (forgeries), "(unregistered)" for unknown lockers and bad topics.
/// </param>
public sealed record IngestStatistics(
    long Received, long Stored, long Duplicates, IReadOnlyDictionary<string, long> Rejected, long AcksSent, long Batches, IReadOnlyDictionary<string, long> RateLimited);
