using System.Diagnostics;
using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// A bare MQTT client holding a locker's key (no firmware): publishes hand-made events fast, on its own topic or
/// another's, and follows the gateway's signed acknowledgements. For floods, backfills and forgeries.
/// </summary>
public sealed class RawLocker : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private long _acked;

    private RawLocker(IMqttClient client, LockerSettings settings)
    {
        _client = client;
        Settings = settings;
    }

    public LockerSettings Settings { get; }

    /// <summary>Gets the highest sequence the gateway acknowledged with a valid signature.</summary>
    public long Acked => Interlocked.Read(ref _acked);

    public string EventsTopic => Topics.For(Settings.School, Settings.Device, TopicKind.Events);

    public static async Task<RawLocker> ConnectAsync(int brokerPort, LockerSettings settings)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var raw = new RawLocker(client, settings);
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (AckCodec.TryDecode(e.ApplicationMessage.Payload.ToArray(), settings.Device, settings.DeviceKey, out long sequence, out _))
            {
                long seen;
                while (sequence > (seen = Interlocked.Read(ref raw._acked)) && Interlocked.CompareExchange(ref raw._acked, sequence, seen) != seen)
                {
                }
            }

            return Task.CompletedTask;
        };
        await client.ConnectAsync(ClientOptions(brokerPort, settings), TestContext.Current.CancellationToken);
        await client.SubscribeAsync(Topics.For(settings.School, settings.Device, TopicKind.Ack), MqttQualityOfServiceLevel.AtLeastOnce, TestContext.Current.CancellationToken);
        return raw;
    }

    /// <summary>A plain connection to a broker on this machine with the locker's account, as the firmware logs in.</summary>
    public static MqttClientOptions ClientOptions(int brokerPort, LockerSettings settings)
    {
        string account = BrokerAccount.UserName(settings.School, settings.Device);
        return new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", brokerPort).WithClientId(account)
            .WithCredentials(account, BrokerAccount.Password(settings.DeviceKey)).Build();
    }

    /// <summary>A deposit event of this locker, signed with its key (or another).</summary>
    public byte[] Event(long sequence, int compartment = 1, byte[]? key = null, string? device = null) => EventCodec.Encode(
        new LockerEvent
        {
            Device = device ?? Settings.Device, Boot = 1, Sequence = sequence,
            TimestampUtc = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc).AddSeconds(sequence), TimeSynchronized = true,
            UptimeMilliseconds = sequence * 1000, Type = EventType.Deposit, Compartment = compartment,
            Credential = "0123456789abcdef0123456789abcdef", Subject = string.Empty,
        },
        key ?? Settings.DeviceKey);

    public Task PublishAsync(string topic, byte[] payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        _client.PublishBinaryAsync(topic, payload, qos, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>
    /// Sends events first..last on its own topic the way a locker back online does, and resends whatever stays
    /// unacknowledged (as the firmware does), until the gateway acknowledged the last one or the time is up.
    /// </summary>
    /// <returns>How many events were published in all, resends included.</returns>
    public async Task<int> BackfillAsync(long first, long last, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        int published = 0;
        long next = first;
        while (Acked < last && clock.Elapsed < timeout)
        {
            for (; next <= last; next++)
            {
                await PublishAsync(EventsTopic, Event(next));
                published++;
            }

            // Wait for progress; if the acknowledgements stop short of the end, resend from just after the last one.
            long before = Acked;
            var idle = Stopwatch.StartNew();
            while (Acked < last && idle.Elapsed < TimeSpan.FromSeconds(3) && clock.Elapsed < timeout)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
                if (Acked != before)
                {
                    before = Acked;
                    idle.Restart();
                }
            }

            next = Math.Max(first, Acked + 1);
        }

        return published;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        }

        _client.Dispose();
    }
}
