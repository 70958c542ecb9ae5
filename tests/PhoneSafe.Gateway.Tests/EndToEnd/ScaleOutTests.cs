using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.EndToEnd;

/// <summary>
/// Several gateway instances sharing the load: MQTT 5 shared subscription on a real Mosquitto, one real PostgreSQL
/// database, virtual lockers running the real firmware core.
/// </summary>
public sealed class ScaleOutTests(PostgreSqlServer postgres)
{
    private const string School = "trust-school";

    [Fact]
    public async Task TwoInstancesSharedSubscription_ManyDeposits_EveryEventStoredOnceAndAllAcknowledged()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        await using var storage = new PostgreSqlTestStorage(postgres);
        await storage.CreateAsync();
        using var first = new GatewayHost(broker.Port, storage.ConnectionString, sharedSubscriptionGroup: "phonesafe");
        await first.StartAsync();
        string[] lockers = ["lk-1", "lk-2", "lk-3", "lk-4"];
        using LockerRig rig = await LockerRig.StartAsync(first, School, lockers);

        // The second instance starts after provisioning, so it loads the lockers' keys at start-up; instances share
        // the key ring that encrypts those keys in the database.
        using var second = new GatewayHost(broker.Port, storage.ConnectionString, sharedSubscriptionGroup: "phonesafe");
        second.Settings["StorageOptions:KeyDirectory"] = Path.Combine(Path.GetDirectoryName(first.DatabasePath)!, "keys");
        await second.StartAsync();
        rig.Fleet.Act(() =>
        {
            for (int round = 0; round < 6; round++)
            {
                foreach (VirtualLocker locker in rig.Fleet.Lockers)
                {
                    locker.UseLocker(LockerRig.StaffCard);
                }

                foreach (VirtualLocker locker in rig.Fleet.Lockers)
                {
                    locker.Run(5000);
                }
            }
        });
        rig.RunUntilAcknowledged();

        foreach (VirtualLocker locker in rig.Fleet.Lockers)
        {
            (long count, long distinct, long min, long max) = await first.Store.GetEventSummaryAsync(School, locker.Settings.Device, TestContext.Current.CancellationToken);
            Assert.Equal((1L, locker.Controller.Journal.NewestSequence), (min, max));
            Assert.Equal(max, count);
            Assert.Equal(count, distinct);
            Assert.Equal(0, locker.Controller.Journal.PendingCount);
        }

        IngestStatistics a = first.Counters.Snapshot();
        IngestStatistics b = second.Counters.Snapshot();
        Assert.True(a.Stored > 0 && b.Stored > 0, $"both instances store events (first {a.Stored}, second {b.Stored})");
        Assert.Empty(a.Rejected);
        Assert.Empty(b.Rejected);
        LedgerVerification verification = await second.VerifyLedgerAsync(School);
        Assert.True(verification.Ok, verification.FirstBreak?.Reason);
        TestContext.Current.SendDiagnosticMessage($"events stored: first {a.Stored}, second {b.Stored}; duplicates {a.Duplicates}+{b.Duplicates}; ledger {verification.Events}");
    }
}
