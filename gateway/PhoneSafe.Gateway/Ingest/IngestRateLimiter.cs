using Microsoft.Extensions.Options;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// One token bucket per registered locker (named by the message topic) and one shared by every message whose topic is
/// invalid or names no registered locker, so random topics cannot create buckets without bound. A message that finds
/// its bucket empty is dropped before the ingest queue: not stored, not quarantined (a flood must not fill the disk),
/// not acknowledged (a genuine locker keeps the event in flash and resends it later), only counted.
/// </summary>
/// <param name="keys">Registered lockers.</param>
/// <param name="options">Burst and sustained rate.</param>
/// <param name="time">Clock.</param>
public sealed class IngestRateLimiter(ILockerKeys keys, IOptions<IngestOptions> options, TimeProvider time)
{
    /// <summary>The counter name of messages sent under an invalid topic or by an unregistered locker.</summary>
    public const string Unregistered = "(unregistered)";

    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Takes one token from the bucket of the locker the topic names.
    /// </summary>
    /// <param name="topic">The message topic.</param>
    /// <param name="device">"school/locker", or <see cref="Unregistered"/>: who was charged.</param>
    /// <returns>true when the message may go on; false when it is to be dropped.</returns>
    public bool TryAcquire(string topic, out string device)
    {
        device = Topics.TryParse(topic, out string school, out string locker, out _) && keys.GetDeviceKey(school, locker) is not null
            ? school + "/" + locker
            : Unregistered;
        IngestOptions limits = options.Value;
        if (!limits.RateLimitEnabled)
        {
            return true;
        }

        long now = time.GetTimestamp();
        lock (_lock)
        {
            if (!_buckets.TryGetValue(device, out Bucket? bucket))
            {
                bucket = new Bucket { Tokens = limits.RateLimitBurst, Updated = now };
                _buckets.Add(device, bucket);
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
