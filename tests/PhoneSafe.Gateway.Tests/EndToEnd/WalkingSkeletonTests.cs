using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.EndToEnd;

/// <summary>
/// Tap → event → MQTT → ledger → ack → custody, with the real firmware core, a real broker and a real SQLite file.
/// </summary>
public sealed class WalkingSkeletonTests(PostgreSqlServer postgres)
{
    [Fact]
    public async Task EmbeddedBroker_StaffDeposit_ShowsInCustodyAndJournalEmpties()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, "skeleton-school", "lk-embedded");

        await AssertDepositReachesCustodyAsync(gateway, rig);
    }

    [Fact]
    public async Task Mosquitto_StaffDeposit_ShowsInCustodyAndJournalEmpties()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var gateway = new GatewayHost(broker.Port);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, "skeleton-school", "lk-mosquitto");

        await AssertDepositReachesCustodyAsync(gateway, rig);
    }

    [Fact]
    public async Task MosquittoAndPostgreSql_StaffDeposit_ShowsInCustodyJournalEmptiesAndLedgerVerifies()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        await using var storage = new PostgreSqlTestStorage(postgres);
        await storage.CreateAsync();
        using var gateway = new GatewayHost(broker.Port, storage.ConnectionString);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, "skeleton-school", "lk-postgres");

        await AssertDepositReachesCustodyAsync(gateway, rig);

        Assert.StartsWith("postgresql://", gateway.Services.GetRequiredService<PhoneSafe.Gateway.Infrastructure.Database.IDatabase>().Location, StringComparison.Ordinal);
        LedgerVerification verification = await gateway.VerifyLedgerAsync("skeleton-school");
        Assert.True(verification.Ok, verification.FirstBreak?.Reason);
        Assert.True(verification.Events >= 2, "boot, config-applied and deposit events are in the chain");
    }

    [Fact]
    public async Task Mosquitto_LockerOffline_BackfillsInOrderExactlyOnce()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var gateway = new GatewayHost(broker.Port);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, "skeleton-school", "lk-offline");
        rig.RunUntilAcknowledged();

        ((PhoneSafe.Simulator.MqttNetLink)rig.Locker.Link).NetworkDown = true;
        rig.Fleet.Act(() =>
        {
            for (int i = 0; i < 6; i++)
            {
                rig.Locker.UseLocker(LockerRig.StaffCard);
                rig.Locker.Run(5000);
            }
        });
        Assert.Equal(6, rig.Locker.Controller.Journal.PendingCount);
        ((PhoneSafe.Simulator.MqttNetLink)rig.Locker.Link).NetworkDown = false;
        rig.RunUntilAcknowledged();

        (long count, long distinct, long min, long max) = await gateway.Store.GetEventSummaryAsync("skeleton-school", "lk-offline", TestContext.Current.CancellationToken);
        Assert.Equal(rig.Locker.Controller.Journal.NewestSequence, max);
        Assert.Equal(1, min);
        Assert.Equal(max, count);
        Assert.Equal(count, distinct);
        Assert.Empty(await gateway.GetCustodyAsync("skeleton-school"));
    }

    [Fact]
    public async Task Mosquitto_ForgedAndMalformedMessages_AreQuarantinedAndCounted_AndIngestContinues()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var gateway = new GatewayHost(broker.Port);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, "skeleton-school", "lk-victim");
        rig.RunUntilAcknowledged();

        var forged = new LockerEvent
        {
            Device = "lk-victim", Boot = 1, Sequence = 999, TimestampUtc = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc),
            TimeSynchronized = true, Type = EventType.Retrieve, Compartment = 1, Credential = string.Empty, Subject = string.Empty,
        };
        using IMqttClient attacker = new MqttClientFactory().CreateMqttClient();
        await attacker.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("attacker").Build(), TestContext.Current.CancellationToken);
        string victimEvents = Topics.For("skeleton-school", "lk-victim", TopicKind.Events);
        await attacker.PublishBinaryAsync(victimEvents, EventCodec.Encode(forged, new byte[32]), cancellationToken: TestContext.Current.CancellationToken);
        await attacker.PublishBinaryAsync(victimEvents, Encoding.UTF8.GetBytes("{\"v\":1,"), cancellationToken: TestContext.Current.CancellationToken);
        await attacker.PublishBinaryAsync(victimEvents, new byte[200_000], cancellationToken: TestContext.Current.CancellationToken);
        await attacker.PublishBinaryAsync(Topics.For("skeleton-school", "lk-nobody", TopicKind.Events), EventCodec.Encode(forged, new byte[32]), cancellationToken: TestContext.Current.CancellationToken);

        await AssertDepositReachesCustodyAsync(gateway, rig);
        IngestStatistics stats = await WaitForAsync(gateway, s => s.Rejected.Values.Sum() >= 4);
        Assert.Equal(1, stats.Rejected[RejectReason.BadMac]);
        Assert.Equal(1, stats.Rejected[RejectReason.Malformed]);
        Assert.Equal(1, stats.Rejected[RejectReason.Oversized]);
        Assert.Equal(1, stats.Rejected[RejectReason.UnknownDevice]);
        IReadOnlyList<QuarantinedMessage> quarantine = await gateway.Store.GetQuarantineAsync(null, 10, TestContext.Current.CancellationToken);
        Assert.Contains(quarantine, q => q.Reason == RejectReason.Oversized && q.PayloadBytes == 200_000);
        (long count, _, _, long max) = await gateway.Store.GetEventSummaryAsync("skeleton-school", "lk-victim", TestContext.Current.CancellationToken);
        Assert.True(max < 999, "the forged event must not be in the ledger");
        Assert.Equal(max, count);
    }

    private static async Task AssertDepositReachesCustodyAsync(GatewayHost gateway, LockerRig rig)
    {
        int compartment = 0;
        rig.Fleet.Act(() => compartment = rig.Locker.UseLocker(LockerRig.StaffCard));
        Assert.NotEqual(0, compartment);

        rig.RunUntilAcknowledged();

        IReadOnlyList<CustodyItem> custody = await gateway.GetCustodyAsync(rig.Locker.Settings.School);
        CustodyItem item = Assert.Single(custody);
        Assert.Equal(rig.Locker.Settings.Device, item.Locker);
        Assert.Equal(compartment, item.Compartment);
        Assert.Equal(CredentialHash.Compute(rig.Locker.Settings.CredentialKey, LockerRig.StaffCard), item.Credential);
        Assert.Equal(0, rig.Locker.Controller.Journal.PendingCount);
    }

    private static async Task<IngestStatistics> WaitForAsync(GatewayHost gateway, Func<IngestStatistics, bool> condition)
    {
        var counters = (PhoneSafe.Gateway.Ingest.IngestCounters)gateway.Services.GetService(typeof(PhoneSafe.Gateway.Ingest.IngestCounters))!;
        for (int i = 0; i < 200; i++)
        {
            IngestStatistics stats = counters.Snapshot();
            if (condition(stats))
            {
                return stats;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return counters.Snapshot();
    }
}
