using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Bench;
using PhoneSafe.Gateway.Extensions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;

// Ingest benchmark: raw broker delivery vs durable ingest (ledger committed + ack), latency at a paced rate,
// and a reconnect storm ("commands": the command round trip instead). Prints figures; see docs/performance.md.
if (args.Length > 0 && args[0] == "dashboard")
{
    return await DashboardBench.RunAsync(args);
}

if (args.Length > 0 && args[0] == "update")
{
    return await UpdateBench.RunAsync(args, (work, port) => BuildGateway(work, port, embedded: true), FreePort());
}

var options = BenchOptions.Parse(args);

// The simulated lockers share this process with the gateway (on real sites they are separate devices). A thousand
// MQTTnet clients connecting at once block thread-pool threads, and the pool adds about one a second, which starved
// the gateway's own MQTT client until its keep-alive failed; start with enough threads for the lockers.
ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
ThreadPool.SetMinThreads(Math.Max(minWorkers, Math.Min(options.StormLockers, 1000) + 64), Math.Max(minIo, 64));
string work = Directory.CreateTempSubdirectory("phonesafe-bench-").FullName;
int port = FreePort();
using Process? mosquitto = options.Broker == "mosquitto" ? StartMosquitto(work, port) : null;
// With "mqttnet" the gateway runs its embedded broker (as installed by default); the raw phase runs the same broker
// configuration on the same port before the gateway starts, without the gateway's in-process hand-over.
MqttServer? rawBroker = null;
if (mosquitto is null)
{
    MqttServerOptions rawOptions = PhoneSafe.Gateway.Services.EmbeddedBrokerService.CreateServerOptions(new PhoneSafe.Gateway.Options.MqttOptions { Host = "127.0.0.1", Port = port }, new PhoneSafe.Gateway.Options.EmbeddedBrokerOptions(), certificate: null);
    // MQTTnet drops messages beyond 250 queued for one subscriber; the do-nothing subscriber must receive them all.
    rawOptions.MaxPendingMessagesPerClient = 1_000_000;
    rawBroker = new MqttServerFactory().CreateMqttServer(rawOptions);
    await rawBroker.StartAsync();
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; broker: {options.Broker} on 127.0.0.1:{port}; ledger: SQLite (WAL, synchronous=FULL) in {work}");

WebApplication gateway = BuildGateway(work, port, embedded: mosquitto is null);
await gateway.Services.GetRequiredService<DatabaseSchema>().InitializeAsync(CancellationToken.None);

var directory = gateway.Services.GetRequiredService<LockerDirectory>();
List<BenchLocker> lockers = await ProvisionAsync(directory, "bench-school", "lk", options.Lockers);
int total = options.Lockers * options.EventsPerLocker;
if (args.Length > 0 && args[0] == "commands")
{
    // Command round trip only: the gateway (with its broker, or subscribed to Mosquitto) and one virtual locker.
    if (rawBroker is not null)
    {
        await rawBroker.StopAsync();
        rawBroker.Dispose();
    }

    await gateway.StartAsync();
    await CommandBench.RunAsync(gateway, port, options.Commands);
    await CleanUpAsync();
    return 0;
}


// 1. The broker alone: the same lockers, the same signed messages, a subscriber that does nothing.
double rawRate;
{
    long received = 0;
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    using IMqttClient sink = new MqttClientFactory().CreateMqttClient();
    sink.ApplicationMessageReceivedAsync += _ =>
    {
        if (Interlocked.Increment(ref received) == total)
        {
            done.TrySetResult();
        }

        return Task.CompletedTask;
    };
    // BENCH_SINK_V5=1: the do-nothing subscriber speaks MQTT 5 like the gateway (default: MQTTnet's default, 3.1.1).
    MqttClientOptions sinkOptions = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("raw-sink")
        .WithProtocolVersion(Environment.GetEnvironmentVariable("BENCH_SINK_V5") == "1" ? MQTTnet.Formatter.MqttProtocolVersion.V500 : MQTTnet.Formatter.MqttProtocolVersion.V311).Build();
    // Like the gateway (MqttOptions.SocketBufferBytes); BENCH_SINK_BUFFER=8192 shows MQTTnet's default and its stall.
    ((MqttClientTcpOptions)sinkOptions.ChannelOptions).BufferSize = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SINK_BUFFER"), out int sinkBuffer)
        ? sinkBuffer
        : PhoneSafe.Gateway.Options.MqttOptions.DefaultSocketBufferBytes;

    Console.WriteLine($"  raw subscriber socket buffer: {((MqttClientTcpOptions)sinkOptions.ChannelOptions).BufferSize} bytes");
    await sink.ConnectAsync(sinkOptions);
    await sink.SubscribeAsync(Topics.AllLockers(TopicKind.Events), MqttQualityOfServiceLevel.AtLeastOnce);
    BenchLocker.ResetPublished();
    await Task.WhenAll(lockers.Select(l => l.ConnectAsync("127.0.0.1", port, listenForAcks: false)));
    byte[][][] payloads = lockers.Select(l => l.Sign(options.EventsPerLocker, DateTime.UtcNow)).ToArray();
    var clock = Stopwatch.StartNew();
    Task publishing = Task.WhenAll(lockers.Select((l, i) => l.PublishAsync(payloads[i])));
    long lastSeen = -1;
    bool stalled = false;
    while (!done.Task.IsCompleted)
    {
        // Report progress every 2 s and give up after 10 s with no progress, instead of waiting minutes.
        await Task.WhenAny(done.Task, Task.Delay(2000));
        long seen = Interlocked.Read(ref received);
        Console.WriteLine($"  raw progress: broker accepted (PUBACK) {BenchLocker.Published:N0}, subscriber received {seen:N0} of {total:N0} at {clock.Elapsed.TotalSeconds:F1} s");
        if (seen - lastSeen < 1_000 && clock.Elapsed > TimeSpan.FromSeconds(10))
        {
            Console.WriteLine("  raw delivery STALLED: the broker has accepted the events but hands them to the subscriber at a trickle (see docs/performance.md); no raw figure, going on");
            stalled = true;
            break;
        }

        lastSeen = seen;
    }

    await publishing;
    rawRate = stalled ? double.NaN : total / clock.Elapsed.TotalSeconds;
    Console.WriteLine(stalled
        ? $"raw broker delivery : STALLED at {Interlocked.Read(ref received):N0} of {total:N0} events after {clock.Elapsed.TotalSeconds,6:F2} s"
        : $"raw broker delivery : {total,9:N0} events in {clock.Elapsed.TotalSeconds,6:F2} s = {rawRate,9:N0} events/s");
    if (!stalled)
    {
        // A stalled subscriber's clean disconnect hangs behind its unread messages; disposing it drops the socket.
        await sink.DisconnectAsync();
    }
    foreach (BenchLocker locker in lockers)
    {
        await locker.DisposeAsync();
    }
}

// 2. Durable ingest through the gateway: verified, committed (group commit), acknowledged to each locker.
if (rawBroker is not null)
{
    await rawBroker.StopAsync();
    rawBroker.Dispose();
}

await gateway.StartAsync();
var bus = gateway.Services.GetRequiredService<ILockerBus>();
while (!bus.IsConnected)
{
    await Task.Delay(50);
}

lockers = await ProvisionAsync(directory, "bench-school", "lk", options.Lockers);
await Task.WhenAll(lockers.Select(l => l.ConnectAsync("127.0.0.1", port, listenForAcks: true)));
{
    byte[][][] payloads = lockers.Select(l => l.Sign(options.EventsPerLocker, DateTime.UtcNow)).ToArray();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(lockers.Select((l, i) => l.PublishAsync(payloads[i])));
    await Task.WhenAll(lockers.Select(l => l.WhenAllAckedAsync(TimeSpan.FromMinutes(5))));
    double rate = total / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"durable ingest      : {total,9:N0} events in {clock.Elapsed.TotalSeconds,6:F2} s = {rate,9:N0} events/s   ratio to raw {rate / rawRate:F2} (target >= 20,000 events/s, ratio >= 0.5)");
}

// 3. Event-to-ledger latency (publish -> acknowledgement, which follows the commit) at a steady rate.
{
    foreach (BenchLocker locker in lockers)
    {
        locker.LatenciesMs.Clear();
        locker.ResetAckWait();
    }

    int count = options.Rate * options.Seconds;
    byte[][][] payloads = lockers.Select(l => l.Sign(count / lockers.Count + 1, DateTime.UtcNow)).ToArray();
    for (int n = 0; n < lockers.Count; n++)
    {
        // Each locker gets every lockers.Count-th event of the run: arm its ack wait at its last one.
        int share = count / lockers.Count + (n < count % lockers.Count ? 1 : 0);
        lockers[n].ArmAckWait(lockers[n].NextSequence + share - 1);
    }

    var sent = new int[lockers.Count];
    var pending = new List<Task>(count);
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < count; i++)
    {
        TimeSpan due = TimeSpan.FromSeconds((double)i / options.Rate);
        while (clock.Elapsed < due)
        {
            await Task.Yield();
        }

        int n = i % lockers.Count;
        pending.Add(lockers[n].PublishOneAsync(payloads[n][sent[n]++]));
    }

    await Task.WhenAll(pending);
    await Task.WhenAll(lockers.Select(l => l.WhenAllAckedAsync(TimeSpan.FromMinutes(2))));
    double[] latencies = lockers.SelectMany(l => l.LatenciesMs).Order().ToArray();
    Console.WriteLine($"latency at {options.Rate:N0}/s   : {latencies.Length:N0} events over {options.Seconds} s: p50 {Percentile(latencies, 0.50):F1} ms, p95 {Percentile(latencies, 0.95):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms");
}

foreach (BenchLocker locker in lockers)
{
    await locker.DisposeAsync();
}

// 4. Reconnect storm: many lockers come back at once, each with a backlog.
if (options.StormLockers > 0)
{
    List<BenchLocker> storm = await ProvisionAsync(directory, "bench-school", "storm", options.StormLockers);
    byte[][][] payloads = storm.Select(l => l.Sign(options.StormEvents, DateTime.UtcNow)).ToArray();
    var clock = Stopwatch.StartNew();
    using var stormTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.StormSeconds));
    // Like the firmware (MqttNetLink awaits each QoS 1 publish): one publish in flight per locker unless BENCH_STORM_INFLIGHT says otherwise.
    int stormInFlight = int.Parse(Environment.GetEnvironmentVariable("BENCH_STORM_INFLIGHT") ?? "1", CultureInfo.InvariantCulture);
    Task uploads = Task.WhenAll(storm.Select((l, i) => l.UploadJournalAsync("127.0.0.1", port, payloads[i], stormInFlight, stormTimeout.Token)));
    var ingest = gateway.Services.GetRequiredService<PhoneSafe.Gateway.Ingest.IngestCounters>();
    var queue = gateway.Services.GetRequiredService<PhoneSafe.Gateway.Ingest.IngestQueue>();
    long storedBefore = ingest.Snapshot().Stored;
    while (!uploads.IsCompleted && !stormTimeout.IsCancellationRequested)
    {
        await Task.WhenAny(uploads, Task.Delay(5000));
        var now = ingest.Snapshot();
        Console.WriteLine($"  storm progress: {clock.Elapsed.TotalSeconds,5:F0} s stored {now.Stored - storedBefore:N0}, lockers fully acknowledged {storm.Count(l => l.AllAcked):N0}, reconnects {storm.Sum(l => l.Reconnects):N0}, ingest queue {queue.Count:N0}, commits {now.Batches:N0}");
    }

    long events = (long)options.StormLockers * options.StormEvents;
    try
    {
        await uploads.WaitAsync(TimeSpan.FromSeconds(5));
    }
    catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
    {
        Console.WriteLine($"reconnect storm     : NOT FINISHED in {options.StormSeconds} s: {options.StormLockers:N0} lockers x {options.StormEvents:N0} events, stored {ingest.Snapshot().Stored - storedBefore:N0} of {events:N0}, lockers fully acknowledged {storm.Count(l => l.AllAcked):N0} (target <= 60 s)");
    }

    if (uploads.IsCompletedSuccessfully)
    {
        Console.WriteLine($"reconnect storm     : {options.StormLockers:N0} lockers x {options.StormEvents:N0} events = {events:N0} committed and acknowledged in {clock.Elapsed.TotalSeconds:F1} s (target <= 60 s), {stormInFlight} publish(es) in flight per locker; reconnects {storm.Sum(l => l.Reconnects):N0}, events resent {storm.Sum(l => l.Resent):N0}");
    }

    foreach (BenchLocker locker in uploads.IsCompletedSuccessfully ? storm : [])
    {
        await locker.DisposeAsync();
    }
}

var stats = gateway.Services.GetRequiredService<PhoneSafe.Gateway.Ingest.IngestCounters>().Snapshot();
Console.WriteLine($"gateway counters    : received {stats.Received:N0}, stored {stats.Stored:N0}, duplicates {stats.Duplicates:N0}, rejected {stats.Rejected.Values.Sum():N0}, acks {stats.AcksSent:N0}, batches {stats.Batches:N0} (mean {(double)stats.Stored / Math.Max(1, stats.Batches):F0} events/commit)");
await CleanUpAsync();
return 0;

async Task CleanUpAsync()
{
    using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
    {
        await gateway.StopAsync(stopping.Token);
    }

    await gateway.DisposeAsync();
    mosquitto?.Kill();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(work, recursive: true);
}

static WebApplication BuildGateway(string work, int port, bool embedded)
{
    WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = work, EnvironmentName = "Bench" });
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["MqttOptions:Embedded"] = embedded ? "true" : "false",
        ["MqttOptions:Host"] = "127.0.0.1",
        ["MqttOptions:Port"] = port.ToString(CultureInfo.InvariantCulture),
        ["MqttOptions:ClientId"] = "bench-gateway",
        ["EmbeddedBrokerOptions:TlsPort"] = "0",
        ["EmbeddedBrokerOptions:MaxConnectionsPerAddress"] = "0",
        ["StorageOptions:DatabasePath"] = Path.Combine(work, "ledger.db"),
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:PhoneSafe.Gateway.Security.FirstRunSetup"] = "Error",
        ["Logging:LogLevel:PhoneSafe.Gateway.Services.LedgerWriterService"] = "Error",
        ["Logging:LogLevel:Microsoft.AspNetCore.StaticFiles"] = "Error",
    });
    builder.AddGatewayServices(demo: false);
    WebApplication app = builder.Build();
    app.MapGateway();
    return app;
}

static async Task<List<BenchLocker>> ProvisionAsync(LockerDirectory directory, string school, string prefix, int count)
{
    var lockers = new List<BenchLocker>(count);
    for (int i = 0; i < count; i++)
    {
        string id = $"{prefix}-{i:0000}";
        (byte[] key, _) = await directory.ProvisionAsync(school, id, CancellationToken.None);
        lockers.Add(new BenchLocker(school, id, key));
    }

    return lockers;
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static int FreePort()
{
    using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static Process StartMosquitto(string work, int port)
{
    string config = Path.Combine(work, "mosquitto.conf");
    // Queue limits raised so that neither the gateway nor the raw subscriber loses messages under a burst (with the
    // generated configuration's 100,000 the raw subscriber falls behind, Mosquitto drops its messages and the raw
    // phase never completes); TCP_NODELAY as in the generated configuration (without it, p50 latency is 40 ms).
    // BENCH_MOSQ (lines separated by ';') replaces them for diagnosis.
    // The log goes to a file: Mosquitto logs two lines per connection, and a redirected stderr that nobody reads fills
    // its 64 KiB pipe after a few hundred connections and blocks the broker (this was the "storm does not finish").
    File.WriteAllText(config, $"listener {port} 127.0.0.1\nallow_anonymous true\nuser {Environment.UserName}\npersistence false\nlog_dest file {Path.Combine(work, "mosquitto.log")}\n"
        + (Environment.GetEnvironmentVariable("BENCH_MOSQ") ?? "max_inflight_messages 1000;max_queued_messages 0;set_tcp_nodelay true").Replace(";", "\n") + "\n");
    Process process = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", config]) { UseShellExecute = false })!;
    for (int i = 0; i < 100; i++)
    {
        try
        {
            using var probe = new TcpClient("127.0.0.1", port);
            return process;
        }
        catch (SocketException)
        {
            Thread.Sleep(50);
        }
    }

    throw new InvalidOperationException("mosquitto did not start");
}
