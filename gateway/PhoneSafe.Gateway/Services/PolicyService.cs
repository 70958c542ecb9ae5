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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync("Policy evaluation", TimeSpan.FromSeconds(Math.Clamp(options.Value.EvaluateSeconds, 1, 3600)), time, logger, EvaluateAsync, stoppingToken);

    private async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        try
        {
            int raised = await engine.RunOnceAsync(cancellationToken);
            if (raised > 0)
            {
                logger.LogInformation("Policy evaluation raised, refreshed or closed {Count} flags", raised);
                live.Publish("flags");
            }
        }
        catch (TimeZoneNotFoundException ex)
        {
            logger.LogError(ex, "A school calendar names a time zone this machine does not know");
        }
    }
}
