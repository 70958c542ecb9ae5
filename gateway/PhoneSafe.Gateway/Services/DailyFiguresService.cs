using System.Data.Common;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Records the daily figures (<see cref="DailyFiguresRecorder"/>) at start (filling in the days of an older database)
/// and every hour after, independent of the retention purge, which also records them before it removes anything.
/// </summary>
/// <param name="recorder">The figures.</param>
/// <param name="time">The clock for waits.</param>
/// <param name="logger">Logger.</param>
public sealed class DailyFiguresService(DailyFiguresRecorder recorder, TimeProvider time, ILogger<DailyFiguresService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    int days = await recorder.RecordAsync(stoppingToken);
                    logger.LogDebug("Daily figures recorded for {Days} school-days", days);
                }
                catch (DbException ex)
                {
                    logger.LogError(ex, "Recording the daily figures failed; trying again in an hour");
                }

                await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
