using System.Data.Common;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Runs the retention purge (<see cref="RetentionStore"/>) once a day, the first time
/// <see cref="RetentionOptions.FirstRunDelayMinutes"/> after start, unless <see cref="RetentionOptions.Enabled"/> is false.
/// Several instances may all run it: each school's purge is one transaction under the school's row lock, and a
/// second run finds nothing left to remove.
/// </summary>
/// <param name="store">The purge.</param>
/// <param name="figures">Records the daily figures first, so nothing is purged before it is counted.</param>
/// <param name="options">Whether and when.</param>
/// <param name="time">The clock for waits.</param>
/// <param name="logger">Logger.</param>
public sealed class RetentionService(RetentionStore store, DailyFiguresRecorder figures, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogWarning("Automatic retention purge is disabled (RetentionOptions:Enabled=false); run the purge verb on schedule instead");
            return;
        }

        try
        {
            await Task.Delay(TimeSpan.FromMinutes(Math.Max(0, options.Value.FirstRunDelayMinutes)), time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await figures.RecordAsync(stoppingToken);
                    RetentionReport report = await store.PurgeAsync(dryRun: false, stoppingToken);
                    logger.LogInformation("Retention purge: {Summary}", report.Summary());
                }
                catch (DbException ex)
                {
                    logger.LogError(ex, "Retention purge failed; trying again tomorrow");
                }

                await Task.Delay(TimeSpan.FromDays(1), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
