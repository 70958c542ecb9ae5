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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync("Recording the daily figures", TimeSpan.FromHours(1), time, logger, RecordAsync, stoppingToken);

    private async Task RecordAsync(CancellationToken cancellationToken)
    {
        int days = await recorder.RecordAsync(cancellationToken);
        logger.LogDebug("Daily figures recorded for {Days} school-days", days);
    }
}
