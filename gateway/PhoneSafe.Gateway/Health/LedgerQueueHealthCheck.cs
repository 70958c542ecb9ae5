using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhoneSafe.Gateway.Ingest;

namespace PhoneSafe.Gateway.Health;

/// <summary>
/// Reports how many received messages, and how many payload bytes, wait for the ledger writer; degraded when more than
/// a tenth of the queue is used by count or by bytes (the database is slower than the lockers), still healthy below.
/// </summary>
/// <param name="queue">The ingest queue.</param>
/// <param name="counters">Ingest counters (the rate-limited total is reported, without naming lockers).</param>
public sealed class LedgerQueueHealthCheck(IngestQueue queue, IngestCounters counters) : IHealthCheck
{
    /// <summary>Queue depth above which the gateway reports degraded.</summary>
    public const int DegradedDepth = IngestQueue.Capacity / 10;

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int depth = queue.Count;
        long bytes = queue.Bytes;
        var data = new Dictionary<string, object>
        {
            ["depth"] = depth,
            ["capacity"] = IngestQueue.Capacity,
            ["bytes"] = bytes,
            ["capacityBytes"] = queue.CapacityBytes,
            ["rateLimited"] = counters.RateLimitedTotal,
        };
        return Task.FromResult(depth > DegradedDepth || bytes > queue.CapacityBytes / 10
            ? HealthCheckResult.Degraded($"{depth} messages ({bytes} bytes) wait for the ledger writer", data: data)
            : HealthCheckResult.Healthy($"{depth} messages waiting", data));
    }
}
