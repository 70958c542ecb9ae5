using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Every <see cref="IngestOptions.RevocationCheckSeconds"/>, notices lockers revoked while the gateway runs (the
/// <c>revoke-locker</c> command is another process): their messages are refused from then on, and the embedded broker
/// closes their open connection. (With Mosquitto, the connection stays open until Mosquitto drops it; its messages are
/// refused all the same.)
/// </summary>
/// <param name="directory">The lockers' keys.</param>
/// <param name="broker">The embedded broker (not started when the gateway uses Mosquitto).</param>
/// <param name="options">The interval.</param>
/// <param name="time">The clock the interval is measured on.</param>
/// <param name="logger">The logger.</param>
public sealed class RevocationService(LockerDirectory directory, EmbeddedBrokerService broker, IOptions<IngestOptions> options, TimeProvider time, ILogger<RevocationService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync("Checking for revoked lockers", TimeSpan.FromSeconds(Math.Clamp(options.Value.RevocationCheckSeconds, 1, 3600)), time, logger, CheckAsync, stoppingToken);

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        foreach ((string school, string locker) in await directory.ReloadAsync(cancellationToken))
        {
            logger.LogWarning("Locker {School}/{Locker} was revoked: its messages are refused from now on", school, locker);
        }

        foreach (string account in await broker.DisconnectRevokedAsync(directory))
        {
            logger.LogWarning("Broker closed the connection of revoked locker account {Account}", account);
        }
    }
}
