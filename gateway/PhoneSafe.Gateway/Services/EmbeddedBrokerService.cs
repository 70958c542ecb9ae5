using System.Buffers;
using System.Net;
using Microsoft.Extensions.Options;
using MQTTnet.Server;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Runs the MQTTnet broker inside the gateway (the default for a single school). Started before the
/// ingest client, stopped after it. Lockers' events and status messages are handed to the <see cref="IngestIntake"/>
/// (and command results) inside the process instead of being routed to the gateway's own subscription: the broker acknowledges a publish
/// after the hand-over, as it would after queuing it for the subscriber. This saves a loopback hop per event and,
/// more importantly, MQTTnet's per-message check of every connected session's subscriptions (with a thousand lockers
/// connected, 17 % of the process's time in a reconnect storm). Other topics (acks, configuration) are routed normally.
/// </summary>
/// <param name="options">Broker address and port.</param>
/// <param name="intake">Where lockers' messages go.</param>
/// <param name="logger">Logger.</param>
public sealed class EmbeddedBrokerService(IOptions<MqttOptions> options, IngestIntake intake, ILogger<EmbeddedBrokerService> logger) : IHostedService, IDisposable
{
    private static readonly string UplinkPrefix = Topics.Prefix + "/";
    private static readonly string EventsSuffix = "/" + TopicKind.Events;
    private static readonly string StatusSuffix = "/" + TopicKind.Status;
    private static readonly string ResultSuffix = "/" + TopicKind.Result;

    private MqttServer? _server;

    /// <summary>
    /// The embedded broker's settings, shared with the ingest benchmark so that it measures this broker as configured.
    /// </summary>
    /// <param name="mqtt">Address and port.</param>
    /// <returns>The server options.</returns>
    public static MqttServerOptions CreateServerOptions(MqttOptions mqtt) => new MqttServerOptionsBuilder()
        .WithDefaultEndpoint()
        .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(mqtt.Host))
        .WithDefaultEndpointPort(mqtt.Port)
        .WithPersistentSessions()
        .Build();

    /// <summary>
    /// Whether a topic is one the gateway subscribes to for lockers' uplink: phonesafe/+/+/events, phonesafe/+/+/status
    /// or phonesafe/+/+/result.
    /// </summary>
    /// <param name="topic">A publish topic (never contains wildcards).</param>
    /// <returns>true for a locker's events, status or result topic.</returns>
    public static bool IsUplink(string topic) =>
        topic.StartsWith(UplinkPrefix, StringComparison.Ordinal)
        && (topic.EndsWith(EventsSuffix, StringComparison.Ordinal) || topic.EndsWith(StatusSuffix, StringComparison.Ordinal) || topic.EndsWith(ResultSuffix, StringComparison.Ordinal))
        && topic.AsSpan().Count('/') == 3;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        MqttOptions mqtt = options.Value;
        if (!mqtt.Embedded)
        {
            return;
        }

        _server = new MqttServerFactory().CreateMqttServer(CreateServerOptions(mqtt));
        _server.InterceptingPublishAsync += OnPublishAsync;
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

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        if (!IsUplink(e.ApplicationMessage.Topic))
        {
            return;
        }

        // Runs in the publishing client's receive loop: while the intake waits on a full queue, this locker's
        // PUBACK (and its next packets) wait too.
        e.ProcessPublish = false;
        await intake.AcceptAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
    }
}
