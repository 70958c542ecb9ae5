using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhoneSafe.Gateway.Ingest;

namespace PhoneSafe.Gateway.Health;

/// <summary>
/// Unhealthy while ledger commits fail (a full disk, a lost database): nothing new is recorded until it is fixed.
/// Nothing is lost either: the batch is not acknowledged, so the lockers keep every event and send it again.
/// </summary>
/// <param name="status">The ledger writer's state.</param>
public sealed class LedgerWriterHealthCheck(LedgerWriterStatus status) : IHealthCheck
{
    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        (DateTimeOffset? since, string? reason, int attempts) = status.Snapshot();
        if (since is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("commits succeed"));
        }

        var data = new Dictionary<string, object>
        {
            ["failingSince"] = since.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["attempts"] = attempts,
            ["reason"] = reason ?? string.Empty,
        };
        return Task.FromResult(HealthCheckResult.Unhealthy(
            $"ledger commits failing ({reason}); events are not acknowledged, lockers keep them and resend", data: data));
    }
}
