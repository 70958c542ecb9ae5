using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Simulator;

/// <summary>
/// The <see cref="IMessageLink"/> of a virtual locker over MQTTnet, with the blocking shape of
/// nanoFramework's M2Mqtt client that the firmware core expects (MQTT 3.1.1, QoS 1, retained Last Will).
/// A publish or subscribe that gets no answer within <see cref="Timeout"/> drops the connection (without DISCONNECT,
/// so the broker publishes the Last Will as for any lost connection): a half-open connection — the network forgot it
/// and nobody sent a reset — is otherwise never noticed, because while the locker keeps publishing the keep-alive
/// never needs to ping. The core then reconnects with back-off and resends everything unacknowledged.
/// </summary>
public sealed class MqttNetLink : IMessageLink, IDisposable
{
    /// <summary>The default for <see cref="Timeout"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly BrokerEndpoint _broker;
    private readonly string? _userName;
    private readonly string? _password;
    private IMqttClient _client;

    /// <summary>
    /// Creates a locker's link, logging in with the locker's account as the device does.
    /// </summary>
    /// <param name="broker">The broker (TLS when it has a CA certificate).</param>
    /// <param name="settings">The locker's identity and device key.</param>
    /// <returns>The link.</returns>
    public static MqttNetLink ForLocker(BrokerEndpoint broker, PhoneSafe.Firmware.Core.Locker.LockerSettings settings) =>
        new(broker, BrokerAccount.UserName(settings.School, settings.Device), BrokerAccount.Password(settings.DeviceKey));

    /// <summary>
    /// Initializes a new instance of the <see cref="MqttNetLink"/> class.
    /// </summary>
    /// <param name="broker">The broker (TLS when it has a CA certificate).</param>
    /// <param name="userName">MQTT user name, or null.</param>
    /// <param name="password">MQTT password, or null.</param>
    public MqttNetLink(BrokerEndpoint broker, string? userName, string? password)
    {
        _broker = broker;
        _userName = userName;
        _password = password;
        _client = CreateClient();
    }

    /// <inheritdoc/>
    public event MessageReceivedHandler? MessageReceived;

    /// <summary>Gets or sets a value indicating whether the locker's network is cut (to simulate outages): nothing is sent or delivered.</summary>
    public bool NetworkDown { get; set; }

    /// <inheritdoc/>
    public bool IsConnected => !NetworkDown && _client.IsConnected;

    /// <summary>Gets or sets how long a connect, publish (until PUBACK) or subscribe may take before the link gives up on the connection.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Gets how many times the link dropped a connection that stopped answering.</summary>
    public int Aborts { get; private set; }

    /// <summary>Gets a value indicating whether an attempt is under way: never, <see cref="BeginConnect"/> finishes before it returns.</summary>
    public bool IsConnecting => false;

    /// <summary>
    /// Connects before returning, waiting at most <see cref="Timeout"/>. The simulator drives many lockers from one
    /// loop and keeps that simple; the device's link connects on its own thread instead (the main loop never waits).
    /// </summary>
    /// <param name="clientId">MQTT client identifier.</param>
    /// <param name="willTopic">Topic of the retained Last Will message.</param>
    /// <param name="willPayload">Payload of the Last Will message.</param>
    /// <returns>true when connected.</returns>
    public bool BeginConnect(string clientId, string willTopic, byte[] willPayload)
    {
        if (NetworkDown)
        {
            return false;
        }

        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithWillTopic(willTopic)
            .WithWillPayload(willPayload)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTimeout(Timeout);
        if (_userName is not null)
        {
            builder.WithCredentials(_userName, _password);
        }

        if (_broker.CaCertificatePem is not null)
        {
            // As the device does: TLS 1.2 or later, the broker's certificate must chain to the provisioned CA and name the host.
            builder.WithTlsOptions(tls => tls.UseTls()
                .WithTargetHost(_broker.Host)
                .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                .WithCertificateValidationHandler(e => _broker.Trusts(e.Certificate, e.SslPolicyErrors)));
        }

        MqttClientOptions options = builder.Build();
        try
        {
            if (_client.ConnectAsync(options).WaitAsync(Timeout).GetAwaiter().GetResult().ResultCode == MqttClientConnectResultCode.Success)
            {
                return true;
            }
        }
        catch (Exception ex) when (IsLinkFailure(ex))
        {
            // Refused, unreachable or no answer: start afresh next time.
        }

        Abort();
        return false;
    }

    /// <inheritdoc/>
    public void Disconnect()
    {
        if (_client.IsConnected)
        {
            try
            {
                _client.DisconnectAsync().WaitAsync(Timeout).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (IsLinkFailure(ex))
            {
                Abort();
            }
        }
    }

    /// <inheritdoc/>
    public bool Publish(string topic, byte[] payload, bool retain)
    {
        if (!IsConnected)
        {
            return false;
        }

        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        try
        {
            if (_client.PublishAsync(message).WaitAsync(Timeout).GetAwaiter().GetResult().IsSuccess)
            {
                return true;
            }
        }
        catch (Exception ex) when (IsLinkFailure(ex))
        {
            // No PUBACK in time, or the connection broke.
        }

        Abort();
        return false;
    }

    /// <inheritdoc/>
    public void Subscribe(string[] topics)
    {
        MqttClientSubscribeOptionsBuilder builder = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        foreach (string topic in topics)
        {
            builder.WithTopicFilter(f => f.WithTopic(topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        try
        {
            _client.SubscribeAsync(builder.Build()).WaitAsync(Timeout).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (IsLinkFailure(ex))
        {
            // Not subscribed: drop the connection, so the core connects and subscribes again.
            Abort();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _client.Dispose();
    }

    private static bool IsLinkFailure(Exception ex) =>
        ex is MQTTnet.Exceptions.MqttCommunicationException or TimeoutException or OperationCanceledException or InvalidOperationException or System.Net.Sockets.SocketException or ObjectDisposedException;

    private IMqttClient CreateClient()
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (NetworkDown)
            {
                // A cut network delivers nothing either way (acks and configs wait in the broker or are lost).
                return Task.CompletedTask;
            }

            MessageReceived?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        return client;
    }

    /// <summary>Drops the connection without DISCONNECT, as a lost one, and starts with a fresh client.</summary>
    private void Abort()
    {
        IMqttClient dead = _client;
        _client = CreateClient();
        Aborts++;
        try
        {
            dead.Dispose();
        }
        catch (Exception ex) when (IsLinkFailure(ex))
        {
            // It was broken anyway.
        }
    }
}
