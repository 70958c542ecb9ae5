using System.Data.Common;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// The loop behind the gateway's periodic workers: run a pass, wait the interval on the injected clock, again until
/// the host stops. A failing pass never ends the loop: a database error is logged as a warning (the database may be
/// busy or restarting), anything else as an error (a bug must not silently stop the worker while ingest goes on); the
/// next pass retries.
/// </summary>
public static class PeriodicLoop
{
    /// <summary>
    /// Runs <paramref name="pass"/> every <paramref name="interval"/> until <paramref name="stoppingToken"/> is cancelled.
    /// </summary>
    /// <param name="what">What a pass does, for the log ("Policy evaluation").</param>
    /// <param name="interval">The wait after each pass.</param>
    /// <param name="time">The clock the wait is measured on.</param>
    /// <param name="logger">Where failed passes are logged.</param>
    /// <param name="pass">One pass.</param>
    /// <param name="stoppingToken">Stops the loop.</param>
    /// <returns>A task that completes when the loop stops.</returns>
    public static async Task RunAsync(string what, TimeSpan interval, TimeProvider time, ILogger logger, Func<CancellationToken, Task> pass, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbException ex)
            {
                logger.LogWarning(ex, "{What} failed; retrying in {Interval}", what, interval);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{What} failed unexpectedly; the gateway goes on, retrying in {Interval}", what, interval);
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
