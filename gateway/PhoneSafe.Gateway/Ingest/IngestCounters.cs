using System.Collections.Concurrent;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// Thread-safe counters of the ingest pipeline.
/// </summary>
public sealed class IngestCounters
{
    private readonly ConcurrentDictionary<string, long> _rejected = new();
    private readonly ConcurrentDictionary<string, long> _rateLimited = new();
    private long _received;
    private long _stored;
    private long _duplicates;
    private long _acksSent;
    private long _batches;

    /// <summary>Counts a message taken from the broker.</summary>
    public void CountReceived() => Interlocked.Increment(ref _received);

    /// <summary>Counts a committed batch.</summary>
    /// <param name="stored">New events in it.</param>
    /// <param name="duplicates">Events that were already stored.</param>
    /// <param name="rejectedReasons">The reason of each quarantined message.</param>
    public void CountBatch(int stored, int duplicates, IEnumerable<string> rejectedReasons)
    {
        Interlocked.Add(ref _stored, stored);
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Increment(ref _batches);
        foreach (string reason in rejectedReasons)
        {
            _rejected.AddOrUpdate(reason, 1, (_, n) => n + 1);
        }
    }

    /// <summary>
    /// Counts a message dropped by the per-locker rate limit (not stored, not quarantined, not acknowledged): under the
    /// reason <see cref="PhoneSafe.Firmware.Core.Protocol.RejectReason.RateLimited"/> and per locker.
    /// </summary>
    /// <param name="device">"school/locker", or <see cref="IngestRateLimiter.Unregistered"/>.</param>
    public void CountRateLimited(string device)
    {
        _rejected.AddOrUpdate(PhoneSafe.Firmware.Core.Protocol.RejectReason.RateLimited, 1, (_, n) => n + 1);
        _rateLimited.AddOrUpdate(device, 1, (_, n) => n + 1);
    }

    /// <summary>Gets how many messages the rate limit dropped, all lockers together.</summary>
    public long RateLimitedTotal => _rateLimited.Values.Sum();

    /// <summary>Counts a published acknowledgement.</summary>
    public void CountAck() => Interlocked.Increment(ref _acksSent);

    /// <summary>
    /// Takes a snapshot.
    /// </summary>
    /// <returns>The counters now.</returns>
    public IngestStatistics Snapshot() => new(
        Interlocked.Read(ref _received),
        Interlocked.Read(ref _stored),
        Interlocked.Read(ref _duplicates),
        new SortedDictionary<string, long>(_rejected),
        Interlocked.Read(ref _acksSent),
        Interlocked.Read(ref _batches),
        new SortedDictionary<string, long>(_rateLimited, StringComparer.Ordinal));
}
