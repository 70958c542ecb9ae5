namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// What a committed batch did.
/// </summary>
/// <param name="Stored">New events written.</param>
/// <param name="Duplicates">Events already in the ledger with identical content.</param>
/// <param name="RejectedReasons">The reason of every quarantined message.</param>
/// <param name="Acks">For every locker with events in the batch, the highest sequence stored with no gap below it.</param>
public sealed record CommitResult(int Stored, int Duplicates, IReadOnlyList<string> RejectedReasons, IReadOnlyList<AckPoint> Acks);
