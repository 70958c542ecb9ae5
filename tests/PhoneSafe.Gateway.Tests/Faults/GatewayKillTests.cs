using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Faults;

/// <summary>
/// The gateway, running as its own process against Mosquitto and a SQLite file, is killed with SIGKILL three times
/// during a burst from several lockers and started again each time. A kill can land anywhere: with events received
/// from the broker but not committed (already acknowledged to the broker at MQTT level, so only the lockers still
/// have them), mid-transaction (SQLite rolls it back), or after the commit and before the acknowledgement to the
/// locker (which sends again; the ledger's unique locker+sequence keeps one copy).
/// </summary>
public sealed class GatewayKillTests
{
    private const string School = "fault-kill";

    [Fact]
    public async Task GatewayKilledThreeTimesDuringBurst_Restarted_EveryEventOnceAndLedgerVerifies()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        string directory = Directory.CreateTempSubdirectory("phonesafe-kill-").FullName;
        try
        {
            string database = Path.Combine(directory, "ledger.db");
            string clientId = "gateway-" + Path.GetFileName(directory);

            // Register the lockers and publish their (retained) configuration through an in-process gateway on the
            // same file and the same client id, then stop it: from here on the gateway is the separate process.
            LockerRig rig;
            using (var setup = new GatewayHost(broker.Port, databasePath: database))
            {
                setup.Settings["MqttOptions:ClientId"] = clientId;
                await setup.StartAsync();
                rig = await LockerRig.StartAsync(setup, School, "lk-kill-a", "lk-kill-b", "lk-kill-c", "lk-kill-d");
                rig.RunUntilAcknowledged();
            }

            using (rig)
            using (var gateway = new GatewayProcess(database, broker.Port, clientId))
            {
                await gateway.StartAsync();
                using (FleetBurst burst = FleetBurst.Start(rig.Fleet, rounds: 40, pauseMilliseconds: 300))
                {
                    for (int kill = 1; kill <= 3; kill++)
                    {
                        // Kill while events are flowing: once the ledger grew since the last start.
                        long before = LedgerAssert.Count(database, School);
                        Assert.True(
                            await FaultTestSupport.WaitForAsync(() => LedgerAssert.Count(database, School) > before + 4, TimeSpan.FromSeconds(30)),
                            $"no progress before kill {kill}:\n{gateway.Log}\n--- mosquitto ---\n{broker.Log}");
                        gateway.Kill();
                        await Task.Delay(TimeSpan.FromMilliseconds(500 * kill), TestContext.Current.CancellationToken);
                        await gateway.StartAsync();
                    }

                    burst.Wait(TimeSpan.FromSeconds(40));
                }

                FaultTestSupport.Drain(rig.Fleet);
                gateway.Kill();

                Assert.Equal(4, gateway.Starts);
                LedgerAssert.ExactlyOnce(database, School, rig.Fleet);
                (int exitCode, string output) = gateway.VerifyLedger(School);
                Assert.True(exitCode == 0, output);
                Assert.Contains($"OK 1 schools, {rig.Fleet.Lockers.Sum(l => l.Controller.Journal.NewestSequence)} events", output, StringComparison.Ordinal);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
