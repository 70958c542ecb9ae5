using System.Data.Common;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Runs the <see cref="PolicyEngine"/> every <see cref="PolicyOptions.EvaluateSeconds"/>: new ledger events, intake
/// deadlines, no-deposit reports and offline lockers.
/// </summary>
/// <param name="engine">The engine.</param>
/// <param name="options">The interval.</param>
/// <param name="time">The clock the interval is measured on.</param>
/// <param name="live">Tells open Flags pages that new flags were raised.</param>
/// <param name="logger">The logger.</param>
public sealed class PolicyService(PolicyEngine engine, IOptions<PolicyOptions> options, TimeProvider time, LiveUpdates live, ILogger<PolicyService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = TimeSpan.FromSeconds(Math.Clamp(options.Value.EvaluateSeconds, 1, 3600));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int raised = await engine.RunOnceAsync(stoppingToken);
                if (raised > 0)
                {
                    logger.LogInformation("Policy evaluation raised, refreshed or closed {Count} flags", raised);
                    live.Publish("flags");
                }
            }
            catch (DbException ex)
            {
                // The database may be busy or restarting; the next pass continues from the persisted progress.
                logger.LogWarning(ex, "Policy evaluation failed; retrying in {Interval}", interval);
            }
            catch (TimeZoneNotFoundException ex)
            {
                logger.LogError(ex, "A school calendar names a time zone this machine does not know");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug or an event the policy cannot handle must not stop the host: ingest (the custody ledger) goes on,
                // and the next pass retries from the persisted progress.
                logger.LogError(ex, "Policy evaluation failed unexpectedly; ingest continues, retrying in {Interval}", interval);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
