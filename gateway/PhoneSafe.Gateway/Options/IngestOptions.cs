namespace PhoneSafe.Gateway.Options;

/// <summary>
/// Limits of the ingest path (appsettings section "IngestOptions"): a per-locker token bucket applied to every message
/// as it arrives from the broker, before the bounded <see cref="Ingest.IngestQueue"/>, so one device, genuine or
/// pretending to be one through its topic, cannot fill the queue or the quarantine and starve the others.
/// A real locker sends a few events a minute and, after a day offline, a backfill of at most one journal
/// (2,048 events); the defaults let that through at once and throttle anything far beyond it.
/// </summary>
public sealed class IngestOptions
{
    /// <summary>Gets or sets a value indicating whether the per-locker rate limit applies (default true).</summary>
    public bool RateLimitEnabled { get; set; } = true;

    /// <summary>
    /// Gets or sets the messages one locker may send in a burst: the size of each of its two buckets (any message on its
    /// topics, then authentic events only), full at start. Default 4,096: two whole journals, so a backfill and its
    /// resends are never throttled.
    /// </summary>
    public int RateLimitBurst { get; set; } = 4096;

    /// <summary>
    /// Gets or sets the sustained messages per second one locker may send once its burst is spent: each bucket's refill
    /// rate. Default 5, about a hundred times what a busy locker sends between lessons.
    /// </summary>
    public double RateLimitPerSecond { get; set; } = 5;

    /// <summary>
    /// Gets or sets the payload bytes the ingest queue holds at most, beside its 50,000-message cap. Default 64 MiB:
    /// a locker's journal is a few hundred bytes an event, so this is far above a normal backlog and bounds the memory
    /// that large messages (genuine or not) can take. Past it, the broker's hand-over waits, as when the message cap is
    /// reached: nothing is dropped and nothing is acknowledged early. Must be at least 64 KiB.
    /// </summary>
    public long QueueCapacityBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Gets or sets how often, in seconds, the gateway reloads the registered lockers' keys (1 to 3600, default 30): a
    /// locker revoked by <c>revoke-locker</c> while the gateway runs is refused from then on, and the embedded broker
    /// closes its open connection.
    /// </summary>
    public int RevocationCheckSeconds { get; set; } = 30;

    /// <summary>The smallest <see cref="QueueCapacityBytes"/> accepted at start: 64 KiB.</summary>
    public const long MinimumQueueCapacityBytes = 64L * 1024;
}
