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
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Checks at most every minute, so a retry runs within a minute of its time.
        options.Value.Enabled
            ? PeriodicLoop.RunAsync("Retrying parent e-mails", TimeSpan.FromSeconds(Math.Clamp(options.Value.RetrySeconds, 1, 60)), time, logger, RetryAsync, stoppingToken)
            : Task.CompletedTask;

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        int tried = await notices.RetryDueAsync(cancellationToken);
        if (tried > 0)
        {
            logger.LogInformation("Tried {Count} parent e-mails again", tried);
        }
    }
}
