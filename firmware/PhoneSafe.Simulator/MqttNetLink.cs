using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Simulator;

/// <summary>
/// The <see cref="IMessageLink"/> of a virtual locker over MQTTnet, with the blocking shape of
/// nanoFramework's M2Mqtt client that the firmware core expects (MQTT 3.1.1, QoS 1, retained Last Will).
/// </summary>
public sealed class MqttNetLink : IMessageLink, IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly IMqttClient _client;
    private readonly BrokerEndpoint _broker;
    private readonly string? _userName;
    private readonly string? _password;

    /// <summary>
    /// Initializes a new instance of the <see cref="MqttNetLink"/> class for a plain, anonymous broker.
    /// </summary>
    /// <param name="host">Broker host name or address.</param>
    /// <param name="port">Broker TCP port.</param>
    public MqttNetLink(string host, int port)
        : this(new BrokerEndpoint(host, port), null, null)
    {
    }

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
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            if (NetworkDown)
            {
                // A cut network delivers nothing either way (acks and configs wait in the broker or are lost).
                return Task.CompletedTask;
            }

            MessageReceived?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
    }

    /// <inheritdoc/>
    public event MessageReceivedHandler? MessageReceived;

    /// <summary>Gets or sets a value indicating whether the locker's network is cut (to simulate outages): nothing is sent or delivered.</summary>
    public bool NetworkDown { get; set; }

    /// <inheritdoc/>
    public bool IsConnected => !NetworkDown && _client.IsConnected;

    /// <inheritdoc/>
    public bool Connect(string clientId, string willTopic, byte[] willPayload)
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
            .WithTimeout(s_timeout);
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
            return _client.ConnectAsync(options).WaitAsync(s_timeout).GetAwaiter().GetResult().ResultCode == MqttClientConnectResultCode.Success;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public void Disconnect()
    {
        if (_client.IsConnected)
        {
            _client.DisconnectAsync().WaitAsync(s_timeout).GetAwaiter().GetResult();
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
            return _client.PublishAsync(message).WaitAsync(s_timeout).GetAwaiter().GetResult().IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public void Subscribe(string[] topics)
    {
        MqttClientSubscribeOptionsBuilder builder = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        foreach (string topic in topics)
        {
            builder.WithTopicFilter(f => f.WithTopic(topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        _client.SubscribeAsync(builder.Build()).WaitAsync(s_timeout).GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _client.Dispose();
    }
}
