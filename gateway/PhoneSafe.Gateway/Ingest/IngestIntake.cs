using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// Where every message from a locker enters the gateway, whichever way it arrives: from the gateway's subscription on an
/// external broker (<see cref="MqttConnection"/>) or handed over inside the process by the embedded broker
/// (<see cref="Services.EmbeddedBrokerService"/>). Each message is counted, charged to the per-locker rate limit and
/// queued for the ledger writer; the caller's broker acknowledges the message only after this returns, so a full queue
/// holds lockers back instead of losing events.
/// </summary>
/// <param name="queue">The hand-over to the ledger writer.</param>
/// <param name="counters">Ingest counters.</param>
/// <param name="limiter">The per-locker rate limit, applied before the queue.</param>
/// <param name="time">Clock for arrival times.</param>
/// <param name="logger">Logger.</param>
public sealed class IngestIntake(IngestQueue queue, IngestCounters counters, IngestRateLimiter limiter, TimeProvider time, ILogger<IngestIntake> logger)
{
    private readonly WarningSampler _rateLimitWarnings = new(time);

    /// <summary>
    /// Takes one message in.
    /// </summary>
    /// <param name="topic">The topic it was published on.</param>
    /// <param name="payload">Its bytes.</param>
    /// <returns>A task that completes when the message is queued or dropped by the rate limit.</returns>
    public ValueTask AcceptAsync(string topic, byte[] payload)
    {
        counters.CountReceived();
        if (!limiter.TryAcquire(topic, payload, out string device))
        {
            // Dropped before the queue: not stored, not quarantined, not acknowledged; a genuine locker resends later.
            counters.CountRateLimited(device);
            WarnRateLimited(device);
            return ValueTask.CompletedTask;
        }

        return queue.EnqueueAsync(new IncomingMessage(topic, payload, time.GetUtcNow()), CancellationToken.None);
    }

    private void WarnRateLimited(string device)
    {
        if (_rateLimitWarnings.ShouldLog(device, out _))
        {
            logger.LogWarning("Rate limit: dropping messages from {Device} (not acknowledged; a genuine locker resends them)", device);
        }
    }
}
