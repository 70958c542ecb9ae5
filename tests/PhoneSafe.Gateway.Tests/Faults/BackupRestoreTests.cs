using PhoneSafe.Gateway.Commands;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Faults;

/// <summary>
/// The restore rehearsal: the SQLite ledger is backed up while a locker is in use, the gateway and its database are
/// then lost, and the backup is restored in their place. The restored ledger verifies; the locker (real firmware
/// logic) sends again what the backup lacks once the restored gateway acknowledges less than the old one did.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private const string School = "restore-school";
    private readonly string _folder = Directory.CreateTempSubdirectory("phonesafe-restore-").FullName;

    // The key ring that encrypts the lockers' keys in the database is backed up and restored beside it.
    private Dictionary<string, string> KeyRing => new() { ["StorageOptions:KeyDirectory"] = Path.Combine(_folder, "keys") };

    [Fact]
    public async Task Backup_WhileIngesting_RestoredCopyVerifies_AndTheLockerResendsWhatItLacks_NothingLost()
    {
        string backup = Path.Combine(_folder, "backup.db");
        string restored = Path.Combine(_folder, "restored.db");
        LockerRig? rig = null;
        try
        {
            int brokerPort;
            long total;
            using (var first = new GatewayHost(settings: KeyRing))
            {
                await first.StartAsync();
                brokerPort = first.BrokerPort;
                rig = await LockerRig.StartAsync(first, School, "lk-1");
                rig.Fleet.StartRealTime();
                UseLocker(rig, 5);
                Task<int> backingUp = GatewayCommands.RunAsync(first.Services, ["backup", backup]);
                UseLocker(rig, 5);
                Assert.Equal(GatewayCommand.Success, await backingUp);

                // More than a journal segment (64 events) after the backup: acknowledged, yet still held by the locker.
                UseLocker(rig, 80);
                await WaitForAsync(() => rig.Fleet.Outstanding == 0, "the first gateway acknowledges everything");
                total = rig.Locker.Controller.Journal.NewestSequence;
                Assert.Equal((total, total, 1L, total), await first.Store.GetEventSummaryAsync(School, "lk-1", TestContext.Current.CancellationToken));
            }

            // The server is lost with its database; the backup (and the key ring) is restored on a new one, same broker address.
            File.Copy(backup, restored);
            using var second = new GatewayHost(databasePath: restored, settings: new Dictionary<string, string>(KeyRing) { ["MqttOptions:Port"] = brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await second.StartAsync();
            LedgerVerification restoredLedger = await second.VerifyLedgerAsync(School);
            Assert.True(restoredLedger.Ok, restoredLedger.FirstBreak?.Reason);
            long inBackup = (await second.Store.GetEventSummaryAsync(School, "lk-1", TestContext.Current.CancellationToken)).Count;
            Assert.InRange(inBackup, 1, total - 65);

            // The next tap: its events reach the restored gateway, which acknowledges only what the backup holds; the
            // locker goes back to that point and sends the rest again.
            UseLocker(rig, 1);
            await WaitForAsync(
                () => rig.Fleet.Outstanding == 0 && second.Store.GetEventSummaryAsync(School, "lk-1", CancellationToken.None).GetAwaiter().GetResult().Count == rig.Locker.Controller.Journal.NewestSequence,
                "the restored gateway holds every event again");
            long now = rig.Locker.Controller.Journal.NewestSequence;
            Assert.True(now > total);
            Assert.Equal((now, now, 1L, now), await second.Store.GetEventSummaryAsync(School, "lk-1", TestContext.Current.CancellationToken));
            LedgerVerification after = await second.VerifyLedgerAsync(School);
            Assert.True(after.Ok, after.FirstBreak?.Reason);
            Assert.Equal(now, after.Events);
        }
        finally
        {
            rig?.Dispose();
        }
    }

    [Fact]
    public async Task Backup_ToAnExistingFile_IsRefused_AndTheFileKept()
    {
        using var gateway = new GatewayHost();
        string existing = Path.Combine(_folder, "existing.db");
        File.WriteAllText(existing, "keep me");

        Assert.Equal(GatewayCommand.Failure, await GatewayCommands.RunAsync(gateway.Services, ["backup", existing]));
        Assert.Equal("keep me", File.ReadAllText(existing));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static void UseLocker(LockerRig rig, int times)
    {
        for (int i = 0; i < times; i++)
        {
            int compartment = 0;
            rig.Fleet.Act(() => compartment = rig.Locker.UseLocker(LockerRig.StaffCard));
            Assert.NotEqual(0, compartment);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "timed out waiting until " + what);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
