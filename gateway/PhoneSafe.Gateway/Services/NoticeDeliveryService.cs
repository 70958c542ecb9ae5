using System.Data.Common;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Tries again the parent e-mails the mail server could not take (unreachable, or a "try later" answer), each at its
/// own time: the wait doubles after every failure until <see cref="SmtpOptions.MaxAttempts"/>. Does nothing when
/// e-mail is not set up.
/// </summary>
/// <param name="notices">Sends the notices.</param>
/// <param name="options">Mail settings.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed class NoticeDeliveryService(ParentNotices notices, IOptions<SmtpOptions> options, TimeProvider time, ILogger<NoticeDeliveryService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // Checks at most every minute, so a retry runs within a minute of its time.
        TimeSpan interval = TimeSpan.FromSeconds(Math.Clamp(options.Value.RetrySeconds, 1, 60));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int tried = await notices.RetryDueAsync(stoppingToken);
                if (tried > 0)
                {
                    logger.LogInformation("Tried {Count} parent e-mails again", tried);
                }
            }
            catch (DbException ex)
            {
                logger.LogWarning(ex, "Retrying parent e-mails failed; trying again in {Interval}", interval);
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
