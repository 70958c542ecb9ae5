using Microsoft.Extensions.Options;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// Per-locker token buckets, applied as messages arrive from the broker, before the ingest queue. Each registered
/// locker (named by the message topic) has two buckets of the same size: the first is spent by any message on its
/// topics without further checks; once it is empty, a message is verified (tag and device, with the locker's key) and,
/// if authentic, spends the second bucket, which nothing unauthenticated can touch. So a flood forged on a locker's
/// topic cannot starve that locker, while a genuine locker gone mad is throttled after two bursts. Messages whose
/// topic is invalid or names no registered locker share one bucket, so random topics cannot create buckets without bound.
/// A message that finds no token is dropped: not stored, not quarantined (a flood must not fill the disk), not
/// acknowledged (a genuine locker keeps the event in flash and resends it later), only counted.
/// </summary>
/// <param name="keys">Registered lockers and their keys.</param>
/// <param name="options">Burst and sustained rate.</param>
/// <param name="time">Clock.</param>
public sealed class IngestRateLimiter(ILockerKeys keys, IOptions<IngestOptions> options, TimeProvider time)
{
    /// <summary>The counter name of messages sent under an invalid topic or by an unregistered locker.</summary>
    public const string Unregistered = "(unregistered)";

    /// <summary>
    /// Appended to "school/locker" in the counter name of dropped messages that were not authentic events of that
    /// locker (forgeries on its topic, or its unsigned status messages).
    /// </summary>
    public const string UnverifiedSuffix = " (unverified)";

    private const string AuthenticSuffix = "#authentic";

    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Takes one token for a message from the buckets of the locker its topic names.
    /// </summary>
    /// <param name="topic">The message topic.</param>
    /// <param name="payload">The message bytes (verified only when the locker's first bucket is empty).</param>
    /// <param name="device">
    /// Who was charged: "school/locker"; when dropped, "school/locker" only for an authentic event of that locker, with
    /// <see cref="UnverifiedSuffix"/> for anything else on its topics; <see cref="Unregistered"/> for the rest.
    /// </param>
    /// <returns>true when the message may go on; false when it is to be dropped.</returns>
    public bool TryAcquire(string topic, byte[] payload, out string device)
    {
        byte[]? key = null;
        bool parsed = Topics.TryParse(topic, out string school, out string locker, out string kind);
        device = parsed && (key = keys.GetDeviceKey(school, locker)) is not null ? school + "/" + locker : Unregistered;
        if (!options.Value.RateLimitEnabled || TryTake(device))
        {
            return true;
        }

        // The locker's open bucket is empty: only an authentic event may go on, from the bucket forgeries cannot reach.
        if (key is null)
        {
            return false;
        }

        if (kind != TopicKind.Events || !SignedMessage.TryOpen(payload, ProtocolVersion.MaxEventBytes, MessageKind.Event, locker, key, out _, out _))
        {
            device += UnverifiedSuffix;
            return false;
        }

        return TryTake(device + AuthenticSuffix);
    }

    private bool TryTake(string bucketName)
    {
        IngestOptions limits = options.Value;
        long now = time.GetTimestamp();
        lock (_lock)
        {
            if (!_buckets.TryGetValue(bucketName, out Bucket? bucket))
            {
                bucket = new Bucket { Tokens = limits.RateLimitBurst, Updated = now };
                _buckets.Add(bucketName, bucket);
            }

            double refill = time.GetElapsedTime(bucket.Updated, now).TotalSeconds * limits.RateLimitPerSecond;
            bucket.Tokens = Math.Min(limits.RateLimitBurst, bucket.Tokens + Math.Max(0, refill));
            bucket.Updated = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long Updated { get; set; }
    }
}
