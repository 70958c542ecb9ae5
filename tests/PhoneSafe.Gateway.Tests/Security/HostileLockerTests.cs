using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using MQTTnet.Protocol;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Security;

/// <summary>
/// The real gateway and a real broker (embedded MQTTnet, or an open Mosquitto through <see cref="ExternalComponent"/>
/// where forgeries must get past the broker to the gateway's own checks) under hostile or broken lockers: forged tags, replayed sequence numbers, a locker publishing as another, oversized
/// payloads and a flood. Every bad message is refused, counted (/api/ingest) and, except flood drops, kept for
/// inspection (/api/quarantine), while a well-behaved locker's deposits keep reaching custody.
/// </summary>
public sealed class HostileLockerTests
{
    private const string School = "hostile-school";

    [Fact]
    public async Task ForgedReplayedImpersonatingAndOversizedMessages_AreRefusedCountedAndQuarantined_WhileAGoodLockerKeepsStoring()
    {
        // A broker without ACLs or size limit (the embedded broker and the generated Mosquitto set-up refuse these
        // publishes at the door: HostileBrokerTests), so that they reach the gateway's own checks.
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var gateway = new GatewayHost(broker.Port);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, School, "lk-good");
        await using RawLocker a = await RawLocker.ConnectAsync(gateway.BrokerPort, await gateway.ProvisionAsync(School, "lk-a"));
        await using RawLocker b = await RawLocker.ConnectAsync(gateway.BrokerPort, await gateway.ProvisionAsync(School, "lk-b"));

        // A genuine event of lk-a, sent twice identically (a resend: a duplicate, not an attack)...
        byte[] genuine = a.Event(1, compartment: 3);
        await a.PublishAsync(a.EventsTopic, genuine);
        await a.PublishAsync(a.EventsTopic, genuine);

        // ...then the same sequence number with other content (a replay), a forged tag on lk-b's topic, lk-a publishing
        // on lk-b's topic under its own name and under lk-b's name (it only has its own key), and a 300 kB payload.
        await a.PublishAsync(a.EventsTopic, a.Event(1, compartment: 4));
        await a.PublishAsync(b.EventsTopic, b.Event(7, key: Enumerable.Repeat((byte)0x5a, 32).ToArray()));
        await a.PublishAsync(b.EventsTopic, a.Event(8));
        await a.PublishAsync(b.EventsTopic, a.Event(9, device: "lk-b"));
        byte[] oversized = new byte[300_000];
        Array.Fill(oversized, (byte)'x');
        await a.PublishAsync(a.EventsTopic, oversized);

        // Meanwhile a well-behaved locker deposits, retrieves and deposits again.
        await UseGoodLockerAsync(rig, times: 3);
        rig.RunUntilAcknowledged();
        await AssertGoodLockerStoredAsync(gateway);

        // Counted, through the administrators' API.
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        IngestStatistics stats = await WaitForAsync(admin, s => s.Rejected.Values.Sum() >= 5 && s.Duplicates >= 1);
        Assert.Equal(2, stats.Rejected.GetValueOrDefault(RejectReason.BadMac));
        Assert.Equal(1, stats.Rejected.GetValueOrDefault(RejectReason.DeviceMismatch));
        Assert.Equal(1, stats.Rejected.GetValueOrDefault(RejectReason.Replayed));
        Assert.Equal(1, stats.Rejected.GetValueOrDefault(RejectReason.Oversized));
        Assert.False(stats.Rejected.ContainsKey(RejectReason.RateLimited));
        Assert.True(stats.Duplicates >= 1);

        // Kept for inspection, through the quarantine API, with the oversized one as a bounded prefix.
        List<QuarantinedMessage> quarantine = (await admin.GetFromJsonAsync<List<QuarantinedMessage>>("/api/quarantine", TestContext.Current.CancellationToken))!;
        Assert.Equal(2, quarantine.Count(q => q.Topic == b.EventsTopic && q.Reason == RejectReason.BadMac));
        Assert.Single(quarantine, q => q.Topic == b.EventsTopic && q.Reason == RejectReason.DeviceMismatch);
        Assert.Single(quarantine, q => q.Topic == a.EventsTopic && q.Reason == RejectReason.Replayed);
        QuarantinedMessage big = Assert.Single(quarantine, q => q.Reason == RejectReason.Oversized);
        Assert.Equal(300_000, big.PayloadBytes);
        Assert.True(StoredQuarantineBytes(gateway, big.Id) <= 4 * ProtocolVersion.MaxEventBytes, "the quarantine must keep a bounded prefix of an oversized message");
        Assert.DoesNotContain(quarantine, q => q.Topic.Contains("lk-good", StringComparison.Ordinal));

        // The ledger: lk-a's first content under seq 1 only, nothing for lk-b, and the chain holds.
        Assert.Equal((1L, 1L, 1L, 1L), await gateway.Store.GetEventSummaryAsync(School, "lk-a", TestContext.Current.CancellationToken));
        Assert.Equal(0, (await gateway.Store.GetEventSummaryAsync(School, "lk-b", TestContext.Current.CancellationToken)).Count);
        Assert.Contains(await gateway.GetCustodyAsync(School), c => c.Locker == "lk-a" && c.Compartment == 3);
        LedgerVerification verification = await gateway.VerifyLedgerAsync(School);
        Assert.True(verification.Ok, verification.FirstBreak?.Reason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OneLockerFlooding_IsRateLimitedAndCounted_WithoutStarvingAWellBehavedLocker(bool mosquitto)
    {
        using MosquittoBroker? broker = mosquitto ? MosquittoBroker.Start() : null;
        using var gateway = new GatewayHost(broker?.Port);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, School, "lk-good");
        await using RawLocker flooder = await RawLocker.ConnectAsync(gateway.BrokerPort, await gateway.ProvisionAsync(School, "lk-flood"));
        var options = new PhoneSafe.Gateway.Options.IngestOptions();

        // 20,000 authentic events from one locker, as fast as the broker takes them, while the good locker deposits.
        const int Flood = 20_000;
        var clock = Stopwatch.StartNew();
        Task flood = Task.Run(async () =>
        {
            for (int seq = 1; seq <= Flood; seq++)
            {
                await flooder.PublishAsync(flooder.EventsTopic, flooder.Event(seq, compartment: 1 + (seq % 8)), MqttQualityOfServiceLevel.AtMostOnce);
            }
        }, TestContext.Current.CancellationToken);
        await UseGoodLockerAsync(rig, times: 3);

        // A generous bound, not a timing figure: a dropped event is resent by the locker after 30 s.
        Assert.True(rig.Fleet.RunUntil(() => rig.Fleet.Outstanding == 0, TimeSpan.FromSeconds(120)), $"{rig.Fleet.Outstanding} good events still unacknowledged during a flood");
        await flood;
        double seconds = clock.Elapsed.TotalSeconds;
        await AssertGoodLockerStoredAsync(gateway);

        IngestStatistics stats = await WaitForQueueToDrainAsync(gateway);
        string flooderName = School + "/lk-flood";
        Assert.True(stats.RateLimited.GetValueOrDefault(flooderName) > 0, "the flood was not rate limited");
        Assert.DoesNotContain(stats.RateLimited.Keys, k => k.StartsWith(School + "/lk-good", StringComparison.Ordinal));
        Assert.Equal(stats.RateLimited.Values.Sum(), stats.Rejected[RejectReason.RateLimited]);

        // What got through is at most two bursts (any message, then authentic only) plus the sustained rate of both over
        // the flood; the drops were not quarantined.
        (long floodStored, _, _, _) = await gateway.Store.GetEventSummaryAsync(School, "lk-flood", TestContext.Current.CancellationToken);
        Assert.InRange(floodStored, 1, 2 * (options.RateLimitBurst + (long)Math.Ceiling(options.RateLimitPerSecond * (seconds + 5))));
        Assert.True(floodStored + stats.RateLimited[flooderName] <= Flood);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"flood of {Flood:N0} in {seconds:F1} s: received {stats.Received:N0}, flooder stored {floodStored:N0}, rate-limited {stats.RateLimited[flooderName]:N0}");
        IReadOnlyList<QuarantinedMessage> quarantine = await gateway.Store.GetQuarantineAsync(null, 1000, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(quarantine, q => q.Topic == flooder.EventsTopic);

        // The anonymous health report shows the total, naming no locker.
        using HttpClient anonymous = gateway.CreateHttpsClient();
        using System.Text.Json.JsonDocument health = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync("/health", TestContext.Current.CancellationToken));
        System.Text.Json.JsonElement queueData = health.RootElement.GetProperty("checks").GetProperty("ledger-queue").GetProperty("data");
        Assert.True(queueData.GetProperty("rateLimited").GetInt64() >= stats.RateLimited[flooderName]);
        Assert.DoesNotContain("lk-flood", health.RootElement.GetRawText(), StringComparison.Ordinal);

        // And the flooder's acknowledgement never passes what is stored without a gap.
        Assert.InRange(flooder.Acked, 0, floodStored);
    }

    [Fact]
    public async Task AFloodForgedOnALockersOwnTopic_DoesNotStarveThatLocker()
    {
        // Through a broker without ACLs, as in the test above: the forgeries must reach the gateway.
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var gateway = new GatewayHost(broker.Port);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, School, "lk-good");
        await using RawLocker attacker = await RawLocker.ConnectAsync(gateway.BrokerPort, await gateway.ProvisionAsync(School, "lk-attacker"));
        string victimTopic = Topics.For(School, "lk-good", TopicKind.Events);
        byte[] wrongKey = Enumerable.Repeat((byte)0x42, 32).ToArray();

        // 40,000 events claiming to be lk-good, without its key, while lk-good itself deposits.
        const int Flood = 40_000;
        Task flood = Task.Run(
            async () =>
            {
                for (int seq = 1; seq <= Flood; seq++)
                {
                    await attacker.PublishAsync(victimTopic, attacker.Event(seq, key: wrongKey, device: "lk-good"), MqttQualityOfServiceLevel.AtMostOnce);
                }
            },
            TestContext.Current.CancellationToken);

        // Once the victim's open bucket is spent (forgeries are being dropped), the victim deposits.
        string forgedName = School + "/lk-good" + IngestRateLimiter.UnverifiedSuffix;
        for (int i = 0; i < 600 && gateway.Counters.Snapshot().RateLimited.GetValueOrDefault(forgedName) == 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.False(flood.IsCompleted, "the flood ended before the victim's open bucket was spent; the test proves nothing");
        await UseGoodLockerAsync(rig, times: 3);

        Assert.True(rig.Fleet.RunUntil(() => rig.Fleet.Outstanding == 0, TimeSpan.FromSeconds(120)), $"{rig.Fleet.Outstanding} good events still unacknowledged during a forged flood");
        await flood;
        await AssertGoodLockerStoredAsync(gateway);

        // The forgeries were refused (quarantined up to the open bucket, dropped and counted beyond it), never stored.
        IngestStatistics stats = await WaitForQueueToDrainAsync(gateway);
        Assert.True(stats.RateLimited.GetValueOrDefault(forgedName) > 0, "the forged flood was not rate limited");
        Assert.False(stats.RateLimited.ContainsKey(School + "/lk-good"), "an authentic event of the victim was dropped");
        Assert.True(stats.Rejected.GetValueOrDefault(RejectReason.BadMac) > 0);
        Assert.True(stats.Rejected[RejectReason.BadMac] + stats.RateLimited[forgedName] <= Flood);
        LedgerVerification verification = await gateway.VerifyLedgerAsync(School);
        Assert.True(verification.Ok, verification.FirstBreak?.Reason);
    }

    [Fact]
    public async Task ABackfillOfAFullJournal_GoesThroughWithoutBeingRateLimited()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        await using RawLocker locker = await RawLocker.ConnectAsync(gateway.BrokerPort, await gateway.ProvisionAsync(School, "lk-back"));

        // A day offline: the whole journal (2,048 events) at once, resending whatever stays unacknowledged.
        int published = await locker.BackfillAsync(1, 2048, TimeSpan.FromSeconds(90));

        Assert.Equal(2048, locker.Acked);
        Assert.Equal((2048L, 2048L, 1L, 2048L), await gateway.Store.GetEventSummaryAsync(School, "lk-back", TestContext.Current.CancellationToken));
        IngestStatistics stats = gateway.Counters.Snapshot();
        Assert.False(stats.RateLimited.ContainsKey(School + "/lk-back"), $"the backfill was rate limited ({published} published)");
        TestContext.Current.TestOutputHelper?.WriteLine($"backfill of 2,048: {published:N0} published (resends included), received {stats.Received:N0}");
    }

    private static Task UseGoodLockerAsync(LockerRig rig, int times)
    {
        for (int i = 0; i < times; i++)
        {
            int compartment = 0;
            rig.Fleet.Act(() => compartment = rig.Locker.UseLocker(LockerRig.StaffCard));
            Assert.NotEqual(0, compartment);
        }

        return Task.CompletedTask;
    }

    /// <summary>Every event the good locker made is stored without a gap, and its phone (odd number of uses) is in custody.</summary>
    private static async Task AssertGoodLockerStoredAsync(GatewayHost gateway)
    {
        (long count, long distinct, long min, long max) = await gateway.Store.GetEventSummaryAsync(School, "lk-good", TestContext.Current.CancellationToken);
        Assert.True(count >= 3, $"only {count} events of the good locker stored");
        Assert.Equal((count, 1L, count), (distinct, min, max));
        Assert.Single(await gateway.GetCustodyAsync(School), c => c.Locker == "lk-good");
    }

    private static async Task<IngestStatistics> WaitForAsync(HttpClient admin, Func<IngestStatistics, bool> condition)
    {
        IngestStatistics stats = null!;
        for (int i = 0; i < 200; i++)
        {
            stats = (await admin.GetFromJsonAsync<IngestStatistics>("/api/ingest", TestContext.Current.CancellationToken))!;
            if (condition(stats))
            {
                break;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return stats;
    }

    private static async Task<IngestStatistics> WaitForQueueToDrainAsync(GatewayHost gateway)
    {
        var queue = (IngestQueue)gateway.Services.GetService(typeof(IngestQueue))!;
        for (int i = 0; i < 600 && queue.Count > 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
        return gateway.Counters.Snapshot();
    }

    private static long StoredQuarantineBytes(GatewayHost gateway, long id)
    {
        using var connection = new SqliteConnection($"Data Source={gateway.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT length(payload) FROM quarantine WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (long)command.ExecuteScalar()!;
    }
}
