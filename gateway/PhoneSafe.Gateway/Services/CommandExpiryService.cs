using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Every <see cref="LockerCommandOptions.SweepSeconds"/>, marks commands that got no result before their expiry as
/// expired (the locker refuses them from then on, so they can no longer run).
/// </summary>
/// <param name="store">Commands.</param>
/// <param name="options">The interval.</param>
/// <param name="time">The clock.</param>
/// <param name="live">Tells open Lockers pages that commands changed.</param>
/// <param name="logger">The logger.</param>
public sealed class CommandExpiryService(LockerCommandStore store, IOptions<LockerCommandOptions> options, TimeProvider time, LiveUpdates live, ILogger<CommandExpiryService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync("Expiring locker commands", TimeSpan.FromSeconds(Math.Clamp(options.Value.SweepSeconds, 1, 3600)), time, logger, ExpireAsync, stoppingToken);

    private async Task ExpireAsync(CancellationToken cancellationToken)
    {
        int expired = await store.ExpireAsync(time.GetUtcNow(), cancellationToken);
        if (expired > 0)
        {
            logger.LogInformation("{Count} locker commands expired without a result", expired);
            live.Publish("lockers");
        }
    }
}
