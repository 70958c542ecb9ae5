using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Gateway.Bench;

/// <summary>
/// A lightweight stand-in for a locker's uplink: pre-signed events published with QoS 1 over its own MQTT
/// connection, and the gateway's signed acknowledgements taken in. (The full firmware core is measured by
/// PhoneSafe.Firmware.Bench; here only the network path is under load.)
/// </summary>
internal sealed class BenchLocker : IAsyncDisposable
{
    // QoS 1 publishes awaited together per locker; BENCH_INFLIGHT overrides it for diagnosis (8 and 64 stall alike).
    private static readonly int InFlight = int.Parse(Environment.GetEnvironmentVariable("BENCH_INFLIGHT") ?? "64");
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly string _school;
    private readonly byte[] _key;
    private readonly ConcurrentDictionary<long, long> _sentTicks = new();
    private long _acked;
    private TaskCompletionSource _allAcked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _target;

    public BenchLocker(string school, string id, byte[] key)
    {
        _school = school;
        Id = id;
        _key = key;
    }

    private static long s_published;

    public static long Published => Interlocked.Read(ref s_published);

    public static void ResetPublished() => Interlocked.Exchange(ref s_published, 0);

    public string Id { get; }

    public ConcurrentBag<double> LatenciesMs { get; } = [];

    public long NextSequence { get; private set; } = 1;

    public async Task ConnectAsync(string host, int port, bool listenForAcks)
    {
        await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId(Id).WithCleanSession(true).Build());
        if (listenForAcks)
        {
            _client.ApplicationMessageReceivedAsync += e =>
            {
                if (AckCodec.TryDecode(e.ApplicationMessage.Payload.ToArray(), Id, _key, out long sequence, out _))
                {
                    long now = Stopwatch.GetTimestamp();
                    long previous = Interlocked.Exchange(ref _acked, Math.Max(Interlocked.Read(ref _acked), sequence));
                    for (long s = previous + 1; s <= sequence; s++)
                    {
                        if (_sentTicks.TryRemove(s, out long sent))
                        {
                            LatenciesMs.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                        }
                    }

                    if (sequence >= Interlocked.Read(ref _target))
                    {
                        _allAcked.TrySetResult();
                    }
                }

                return Task.CompletedTask;
            };
            await _client.SubscribeAsync(Topics.For(_school, Id, TopicKind.Ack), MqttQualityOfServiceLevel.AtLeastOnce);
        }
    }

    /// <summary>Signs the next <paramref name="count"/> events (done before timing starts).</summary>
    public byte[][] Sign(int count, DateTime nowUtc)
    {
        var payloads = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            payloads[i] = EventCodec.Encode(
                new LockerEvent
                {
                    Device = Id, Boot = 1, Sequence = NextSequence + i, TimestampUtc = nowUtc, TimeSynchronized = true,
                    UptimeMilliseconds = i, Type = (i % 2) == 0 ? EventType.Deposit : EventType.Retrieve, Compartment = 1 + (i % 8),
                    Credential = "0123456789abcdef0123456789abcdef", Subject = string.Empty,
                },
                _key);
        }

        return payloads;
    }

    /// <summary>Publishes events as fast as the broker accepts them (64 in flight) and arms the ack wait.</summary>
    public async Task PublishAsync(byte[][] payloads)
    {
        long last = NextSequence + payloads.Length - 1;
        Interlocked.Exchange(ref _target, last);
        if (Interlocked.Read(ref _acked) >= last)
        {
            _allAcked.TrySetResult();
        }

        string topic = Topics.For(_school, Id, TopicKind.Events);
        var window = new List<Task>(InFlight);
        for (int i = 0; i < payloads.Length; i++)
        {
            _sentTicks[NextSequence + i] = Stopwatch.GetTimestamp();
            window.Add(_client.PublishBinaryAsync(topic, payloads[i], MqttQualityOfServiceLevel.AtLeastOnce));
            if (window.Count == InFlight)
            {
                await Task.WhenAll(window);
                Interlocked.Add(ref s_published, window.Count);
                window.Clear();
            }
        }

        await Task.WhenAll(window);
        Interlocked.Add(ref s_published, window.Count);
        NextSequence = last + 1;
    }

    /// <summary>Publishes one event now (paced runs).</summary>
    public Task PublishOneAsync(byte[] payload)
    {
        _sentTicks[NextSequence] = Stopwatch.GetTimestamp();
        NextSequence++;
        return _client.PublishBinaryAsync(Topics.For(_school, Id, TopicKind.Events), payload, MqttQualityOfServiceLevel.AtLeastOnce);
    }

    /// <summary>Sets the sequence the ack wait completes at (paced runs arm it once, before publishing).</summary>
    public void ArmAckWait(long lastSequence) => Interlocked.Exchange(ref _target, lastSequence);

    public Task WhenAllAckedAsync(TimeSpan timeout) => _allAcked.Task.WaitAsync(timeout);

    public void ResetAckWait() => _allAcked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
