using Microsoft.Extensions.Options;
using MQTTnet.Exceptions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Keeps the gateway connected to the broker: ping, reconnect and resubscribe when needed, then wait.
/// </summary>
/// <param name="connection">The MQTT client.</param>
/// <param name="options">Reconnect interval.</param>
/// <param name="logger">Logger.</param>
public sealed class MqttIngestService(MqttConnection connection, IOptions<MqttOptions> options, ILogger<MqttIngestService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = TimeSpan.FromSeconds(options.Value.ReconnectSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await connection.TryPingAsync(stoppingToken))
                {
                    await connection.ConnectAsync(stoppingToken);
                    logger.LogInformation("Connected to MQTT broker {Host}:{Port}", options.Value.Host, options.Value.Port);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                logger.LogWarning("MQTT broker {Host}:{Port} unreachable: {Reason}", options.Value.Host, options.Value.Port, ex.Message);
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await connection.DisconnectAsync(CancellationToken.None);
    }
}
