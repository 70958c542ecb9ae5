using System.Buffers;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The gateway's MQTTnet client: MQTT 5 with a persistent session (so the broker queues events while the
/// gateway restarts), subscribed to every locker's events and status; received messages go to the <see cref="IngestQueue"/>.
/// </summary>
public sealed class MqttConnection : ILockerBus, IDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttOptions _options;
    private readonly IngestQueue _queue;
    private readonly IngestCounters _counters;
    private readonly TimeProvider _time;

    /// <summary>
    /// Initializes a new instance of the <see cref="MqttConnection"/> class.
    /// </summary>
    /// <param name="options">Broker settings.</param>
    /// <param name="queue">Where received messages go.</param>
    /// <param name="counters">Ingest counters.</param>
    /// <param name="time">Clock for arrival times.</param>
    public MqttConnection(IOptions<MqttOptions> options, IngestQueue queue, IngestCounters counters, TimeProvider time)
    {
        _options = options.Value;
        _queue = queue;
        _counters = counters;
        _time = time;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <inheritdoc/>
    public bool IsConnected => _client.IsConnected;

    /// <summary>
    /// Checks the connection with a ping.
    /// </summary>
    /// <param name="cancellationToken">Cancels the ping.</param>
    /// <returns>true when the broker answered.</returns>
    public Task<bool> TryPingAsync(CancellationToken cancellationToken) => _client.TryPingAsync(cancellationToken);

    /// <summary>
    /// Connects and, unless the broker resumed the session, subscribes.
    /// </summary>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>A task.</returns>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(_options.SessionExpirySeconds)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_options.Username is not null)
        {
            builder.WithCredentials(_options.Username, _options.Password);
        }

        if (_options.UseTls)
        {
            builder.WithTlsOptions(tls => tls.UseTls());
        }

        MqttClientConnectResult result = await _client.ConnectAsync(builder.Build(), cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new MQTTnet.Exceptions.MqttCommunicationException($"Broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        if (!result.IsSessionPresent)
        {
            MqttClientSubscribeOptions subscribe = new MqttClientFactory().CreateSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(EventsFilter(_options.SharedSubscriptionGroup)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .WithTopicFilter(f => f.WithTopic(Topics.AllLockers(TopicKind.Status)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build();
            await _client.SubscribeAsync(subscribe, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        await _client.PublishAsync(message, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task PublishSupersedableAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        await _client.PublishAsync(message, cancellationToken);
    }

    /// <summary>
    /// Disconnects cleanly.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task.</returns>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    /// <summary>
    /// The events subscription: every locker's events, shared within a group of gateway instances when one is
    /// configured. Status stays an ordinary subscription, so every instance sees every status change in order
    /// and the last write is the latest state whichever instance makes it.
    /// </summary>
    /// <param name="sharedGroup">The shared-subscription group, or null.</param>
    /// <returns>The topic filter.</returns>
    internal static string EventsFilter(string? sharedGroup) =>
        string.IsNullOrEmpty(sharedGroup) ? Topics.AllLockers(TopicKind.Events) : $"$share/{sharedGroup}/{Topics.AllLockers(TopicKind.Events)}";

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        _counters.CountReceived();
        byte[] payload = e.ApplicationMessage.Payload.ToArray();
        await _queue.EnqueueAsync(new IncomingMessage(e.ApplicationMessage.Topic, payload, _time.GetUtcNow()), CancellationToken.None);
    }
}
