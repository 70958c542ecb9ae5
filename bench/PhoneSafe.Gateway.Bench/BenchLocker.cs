using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using PhoneSafe.Firmware.Core.Locker;
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
    private long _lastAckTicks;
    private TaskCompletionSource _allAcked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _progress = new(0);
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
        // Logs in as the firmware does: its own account, which is also its client id.
        string account = BrokerAccount.UserName(_school, Id);
        MqttClientOptions options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId(account).WithCredentials(account, BrokerAccount.Password(_key)).WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60)).WithTimeout(TimeSpan.FromSeconds(30)).Build();
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_LOCKER_BUFFER"), out int buffer))
        {
            ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = buffer;
        }

        await _client.ConnectAsync(options);
        if (listenForAcks && !_handlerAdded)
        {
            _handlerAdded = true;
            _client.ApplicationMessageReceivedAsync += e =>
            {
                if (AckCodec.TryDecode(e.ApplicationMessage.Payload.ToArray(), Id, _key, out long sequence, out _))
                {
                    long now = Stopwatch.GetTimestamp();
                    long previous = Interlocked.Exchange(ref _acked, Math.Max(Interlocked.Read(ref _acked), sequence));
                    if (sequence > previous)
                    {
                        Interlocked.Exchange(ref _lastAckTicks, now);
                        if (_progress.CurrentCount == 0)
                        {
                            _progress.Release();
                        }
                    }
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
        }

        if (listenForAcks)
        {
            await _client.SubscribeAsync(Topics.For(_school, Id, TopicKind.Ack), MqttQualityOfServiceLevel.AtLeastOnce);
        }
    }

    private bool _handlerAdded;

    /// <summary>Gets how many times this locker had to reconnect during a storm.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Gets how many journal events this locker sent again during a storm (resend after silence or reconnect).</summary>
    public long Resent { get; private set; }

    /// <summary>
    /// Uploads a journal backlog the way the firmware's Uplink does (PhoneSafe.Firmware.Core/Locker/Uplink.cs):
    /// connect with back-off (1 s doubling to 60 s), send from the oldest unacknowledged event but never more than
    /// <see cref="Uplink.MaxUnacknowledged"/> beyond the ack point, and send again from the ack point after 30 s without
    /// a new acknowledgement or after a reconnect; done when the last is acknowledged.
    /// The firmware's MqttNetLink awaits each QoS 1 publish before the next, i.e. <paramref name="inFlight"/> = 1.
    /// </summary>
    public async Task UploadJournalAsync(string host, int port, byte[][] journal, int inFlight, CancellationToken cancellationToken)
    {
        long first = NextSequence;
        long last = first + journal.Length - 1;
        Interlocked.Exchange(ref _target, last);
        string topic = Topics.For(_school, Id, TopicKind.Events);
        TimeSpan backoff = TimeSpan.FromSeconds(1);
        long highestSent = first - 1;
        while (Interlocked.Read(ref _acked) < last)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_client.IsConnected)
            {
                try
                {
                    await ConnectAsync(host, port, listenForAcks: true);
                    backoff = TimeSpan.FromSeconds(1);
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
                {
                    Reconnects++;
                    await Task.Delay(backoff, cancellationToken);
                    backoff = TimeSpan.FromSeconds(Math.Min(60, backoff.TotalSeconds * 2));
                    continue;
                }
            }

            long next = Math.Max(first, Interlocked.Read(ref _acked) + 1);
            Interlocked.Exchange(ref _lastAckTicks, Stopwatch.GetTimestamp());
            try
            {
                var window = new List<Task>(inFlight);
                while (Interlocked.Read(ref _acked) < last)
                {
                    long windowEnd = Math.Min(last, Interlocked.Read(ref _acked) + Uplink.MaxUnacknowledged);
                    if (next <= windowEnd)
                    {
                        for (; next <= windowEnd && window.Count < inFlight; next++)
                        {
                            if (next <= highestSent)
                            {
                                Resent++;
                            }

                            highestSent = Math.Max(highestSent, next);
                            _sentTicks.TryAdd(next, Stopwatch.GetTimestamp());
                            window.Add(_client.PublishBinaryAsync(topic, journal[next - first], MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken: cancellationToken));
                        }

                        await Task.WhenAll(window);
                        window.Clear();
                    }
                    else
                    {
                        // Window full (or all sent): wait for the next acknowledgement, as the firmware waits for its next pass.
                        await _progress.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
                    }

                    if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastAckTicks)) > TimeSpan.FromSeconds(30))
                    {
                        // The firmware's ResendAfterMilliseconds: no progress for 30 s, start again from the ack point.
                        next = Interlocked.Read(ref _acked) + 1;
                        Interlocked.Exchange(ref _lastAckTicks, Stopwatch.GetTimestamp());
                    }
                }
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
            {
                // Disconnected (keep-alive lost under load): reconnect and resend from the ack point, like the firmware.
                Reconnects++;
            }
        }

        NextSequence = last + 1;
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

    public bool AllAcked => _allAcked.Task.IsCompleted;

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
