using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// Bare MQTT clients against a secured broker (TLS, accounts): what a hostile device on the school network can try.
/// </summary>
public static class BrokerClients
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(15);

    /// <summary>How a connection attempt ended.</summary>
    public enum Outcome
    {
        /// <summary>The broker accepted it.</summary>
        Connected,

        /// <summary>The broker refused it in its CONNACK (or closed the connection on it).</summary>
        Refused,

        /// <summary>TLS failed: the client did not trust the broker, so it never sent its password.</summary>
        TlsFailed,
    }

    /// <summary>Client options over TLS (trusting only the endpoint's CA unless <paramref name="systemTrust"/>), MQTT 5.</summary>
    public static MqttClientOptions Options(BrokerEndpoint endpoint, string? user, string? password, string? clientId = null, bool systemTrust = false)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Host, endpoint.Port)
            .WithClientId(clientId ?? user ?? "test-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost(endpoint.Host);
                if (!systemTrust)
                {
                    tls.WithCertificateValidationHandler(e => endpoint.Trusts(e.Certificate, e.SslPolicyErrors));
                }
            });
        if (user is not null)
        {
            builder.WithCredentials(user, password);
        }

        return builder.Build();
    }

    /// <summary>Connects and disconnects: connected, refused by the broker, or failed before MQTT (TLS).</summary>
    public static async Task<Outcome> TryConnectAsync(BrokerEndpoint endpoint, string? user, string? password, string? clientId = null, bool systemTrust = false)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        try
        {
            MqttClientConnectResult result = await client.ConnectAsync(Options(endpoint, user, password, clientId, systemTrust), TestContext.Current.CancellationToken);
            await client.DisconnectAsync(cancellationToken: TestContext.Current.CancellationToken);
            return result.ResultCode == MqttClientConnectResultCode.Success ? Outcome.Connected : Outcome.Refused;
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException)
        {
            return Outcome.Refused;
        }
        catch (MqttCommunicationException ex) when (ex.InnerException is System.Security.Authentication.AuthenticationException)
        {
            return Outcome.TlsFailed;
        }
    }

    /// <summary>Connects (asserting success) and collects every message received.</summary>
    public static async Task<(IMqttClient Client, ConcurrentQueue<MqttApplicationMessage> Received)> ConnectAsync(BrokerEndpoint endpoint, string user, string password, string? clientId = null)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var received = new ConcurrentQueue<MqttApplicationMessage>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        MqttClientConnectResult result = await client.ConnectAsync(Options(endpoint, user, password, clientId), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return (client, received);
    }

    /// <summary>Subscribes to filters at QoS 1.</summary>
    public static Task<MqttClientSubscribeResult> SubscribeAsync(IMqttClient client, params string[] filters)
    {
        MqttClientSubscribeOptionsBuilder builder = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        foreach (string filter in filters)
        {
            builder.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        return client.SubscribeAsync(builder.Build(), TestContext.Current.CancellationToken);
    }

    /// <summary>A signed retrieve event, QoS 1.</summary>
    public static MqttApplicationMessage EventMessage(string topic, string device, byte[] key, uint sequence)
    {
        var locker = new LockerEvent
        {
            Device = device, Boot = 1, Sequence = sequence, TimestampUtc = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc),
            TimeSynchronized = true, Type = EventType.Retrieve, Compartment = 1, Credential = string.Empty, Subject = string.Empty,
        };
        return Message(topic, EventCodec.Encode(locker, key));
    }

    /// <summary>A signed acknowledgement of sequence 1, QoS 1.</summary>
    public static MqttApplicationMessage AckMessage(string school, string locker, byte[] key) =>
        Message(Topics.For(school, locker, TopicKind.Ack), AckCodec.Encode(locker, 1, key));

    /// <summary>A QoS 1 message.</summary>
    public static MqttApplicationMessage Message(string topic, byte[] payload, bool retain = false) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    /// <summary>Waits (polling) until a condition holds, failing after 15 s.</summary>
    public static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < s_wait, "timed out waiting until " + what);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
