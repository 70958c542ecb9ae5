using System.Buffers;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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
/// gateway restarts), subscribed to every locker's events and status; received messages go to the <see cref="IngestIntake"/>.
/// </summary>
public sealed class MqttConnection : ILockerBus, IDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttOptions _options;
    private readonly IngestIntake _intake;
    private X509Certificate2? _authority;

    /// <summary>
    /// Initializes a new instance of the <see cref="MqttConnection"/> class.
    /// </summary>
    /// <param name="options">Broker settings.</param>
    /// <param name="intake">Where received messages go.</param>
    public MqttConnection(IOptions<MqttOptions> options, IngestIntake intake)
    {
        _options = options.Value;
        _intake = intake;
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
        // Empty values count as unset (an environment variable set to nothing, a JSON null).
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder.WithCredentials(_options.Username, string.IsNullOrEmpty(_options.Password) ? ReadPasswordFile(_options.PasswordFile) : _options.Password);
        }

        if (!string.IsNullOrEmpty(_options.CaCertificatePath) && !_options.UseTls)
        {
            throw new InvalidOperationException("MqttOptions:CaCertificatePath is set but MqttOptions:UseTls is false; refusing to connect without TLS.");
        }

        if (_options.UseTls)
        {
            // Read at every attempt, so a replaced ca.crt takes effect at the next reconnection.
            X509Certificate2? authority = string.IsNullOrEmpty(_options.CaCertificatePath) ? null : LoadAuthority(_options.CaCertificatePath);
            _authority?.Dispose();
            _authority = authority;
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost(_options.Host).WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13);
                if (authority is not null)
                {
                    tls.WithCertificateValidationHandler(e => PhoneSafe.Simulator.BrokerTrust.IsTrusted(e.Certificate, e.SslPolicyErrors, authority));
                }
            });
        }

        MqttClientOptions options = builder.Build();
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = _options.SocketBufferBytes;
        MqttClientConnectResult result = await _client.ConnectAsync(options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new MQTTnet.Exceptions.MqttCommunicationException($"Broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        // A resumed session keeps its subscriptions; the results and progress filters are subscribed again anyway
        // (idempotent), so a session made before those topics existed gets them too.
        MqttClientSubscribeOptionsBuilder subscribe = new MqttClientFactory().CreateSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(Topics.AllLockers(TopicKind.Result)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .WithTopicFilter(f => f.WithTopic(Topics.AllLockers(TopicKind.Progress)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        if (!result.IsSessionPresent)
        {
            subscribe
                .WithTopicFilter(f => f.WithTopic(EventsFilter(_options.SharedSubscriptionGroup)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .WithTopicFilter(f => f.WithTopic(Topics.AllLockers(TopicKind.Status)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
    }

    private static string? ReadPasswordFile(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"MqttOptions:PasswordFile {path} cannot be read: {ex.Message}", ex);
        }
    }

    private static X509Certificate2 LoadAuthority(string path)
    {
        try
        {
            string text = File.ReadAllText(path);
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"MqttOptions:CaCertificatePath {path} is not a readable certificate: {ex.Message}", ex);
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
        MqttClientPublishResult result = await _client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            // MQTT 5 brokers say why (Mosquitto: NotAuthorized when the ACL forbids the topic); callers retry or log.
            throw new InvalidOperationException($"The broker refused the publish to {topic}: {result.ReasonCode} {result.ReasonString}".TrimEnd());
        }
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
    public void Dispose()
    {
        _client.Dispose();
        _authority?.Dispose();
    }

    /// <summary>
    /// The events subscription: every locker's events, shared within a group of gateway instances when one is
    /// configured. Status stays an ordinary subscription, so every instance sees every status change in order
    /// and the last write is the latest state whichever instance makes it.
    /// </summary>
    /// <param name="sharedGroup">The shared-subscription group, or null.</param>
    /// <returns>The topic filter.</returns>
    internal static string EventsFilter(string? sharedGroup) =>
        string.IsNullOrEmpty(sharedGroup) ? Topics.AllLockers(TopicKind.Events) : $"$share/{sharedGroup}/{Topics.AllLockers(TopicKind.Events)}";

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e) =>
        _intake.AcceptAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()).AsTask();
}
