using System.Net;
using Microsoft.Extensions.Options;
using MQTTnet.Server;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Runs the MQTTnet broker inside the gateway (the default for a single school). Started before the
/// ingest client, stopped after it.
/// </summary>
/// <param name="options">Broker address and port.</param>
/// <param name="logger">Logger.</param>
public sealed class EmbeddedBrokerService(IOptions<MqttOptions> options, ILogger<EmbeddedBrokerService> logger) : IHostedService, IDisposable
{
    private MqttServer? _server;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        MqttOptions mqtt = options.Value;
        if (!mqtt.Embedded)
        {
            return;
        }

        MqttServerOptions serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(mqtt.Host))
            .WithDefaultEndpointPort(mqtt.Port)
            .WithPersistentSessions()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        await _server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on {Host}:{Port}", mqtt.Host, mqtt.Port);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _server?.Dispose();
}
