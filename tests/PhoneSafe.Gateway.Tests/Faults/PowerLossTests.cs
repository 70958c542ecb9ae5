using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Faults;

/// <summary>
/// Power dies on a locker in the middle of a flash write, while it is really talking to the gateway (Mosquitto, real
/// gateway, SQLite). <see cref="VirtualFlash.CutPowerDuringNextWrite"/> lets only the first N bytes of the 64-byte
/// journal record land and stops the firmware where a real cut would; the locker is then rebooted from the same flash
/// and settings. The journal is small (24 records in 4 segments) so acknowledged segments are deleted and new ones started
/// many times, and a torn record makes the journal go on in a new segment.
/// </summary>
/// <remarks>
/// What is asserted, and why. An event is "recorded" once its whole record is in flash (the CRC covers it). A record
/// torn by the cut (fewer than 64 bytes landed) was never recorded: it was never sent or acknowledged, the recovery
/// scan must reject it (bad CRC), and its sequence number is given to the next event (the boot event), so the ledger
/// has no gap and no trace of the torn event. A record that landed whole (64 bytes) before the cut is recorded even
/// though the firmware never finished the write call: the recovery must find it and it must reach the ledger. Every
/// recorded event — including those waiting in the journal while the network was down — reaches the ledger exactly
/// once and every journal empties. The event being written when the power died is therefore lost only when its
/// record was incomplete; the physical act it described (say, a door closing on a deposit) is then not in the ledger,
/// which no journal can avoid.
/// </remarks>
public sealed class PowerLossTests
{
    private const string School = "fault-power";
    private const int JournalRecords = 24;

    [Fact]
    public async Task PowerCutDuringFlashWrites_RebootFromFlash_TornRecordRejected_RecordedEventsOnce()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var gateway = new GatewayHost(broker.Port);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, broker.Port, JournalRecords * JournalRecord.Size, School, "lk-power-a", "lk-power-b");
        rig.RunUntilAcknowledged();

        int[] cutAfterBytes = [0, 1, 4, 8, 31, 59, 60, 63, 64, 64, 2, 40];
        var cuts = new List<(string Locker, long Sequence, bool Whole, long BootAfter)>();
        for (int i = 0; i < cutAfterBytes.Length; i++)
        {
            VirtualLocker locker = rig.Fleet.Lockers[i % 2];
            var link = (MqttNetLink)locker.Link;
            bool backlog = i % 3 == 1;
            rig.Fleet.Act(() =>
            {
                // Traffic between cuts, so the ring wraps and later cuts land on old acknowledged records.
                for (int use = 0; use < 3; use++)
                {
                    Assert.NotEqual(0, locker.UseLocker(LockerRig.StaffCard));
                }
            });
            if (backlog)
            {
                // Some cuts hit a locker holding unacknowledged events (its network is down).
                link.NetworkDown = true;
                rig.Fleet.Act(() => Assert.NotEqual(0, locker.UseLocker(LockerRig.StaffCard)));
                Assert.True(locker.Controller.Journal.PendingCount > 0);
            }

            long newest = locker.Controller.Journal.NewestSequence;
            locker.Flash.CutPowerDuringNextWrite(cutAfterBytes[i]);
            Exception? cut = null;
            rig.Fleet.Act(() => cut = Record.Exception(() =>
            {
                for (int use = 0; use < 3; use++)
                {
                    locker.UseLocker(LockerRig.StaffCard);
                }
            }));
            Assert.IsType<PowerCutException>(cut);
            Assert.Equal(newest, locker.Controller.Journal.NewestSequence);

            rig.Fleet.Act(() => PowerCycle(locker));

            bool whole = cutAfterBytes[i] >= JournalRecord.Size;
            Journal journal = new(locker);
            Assert.True(
                journal.Newest == newest + (whole ? 2 : 1),
                $"cut {i} after {cutAfterBytes[i]} bytes: newest before {newest}, after reboot {journal.Newest} (boot event included)");
            for (long seq = locker.Controller.Journal.OldestPendingSequence; seq <= journal.Newest; seq++)
            {
                Assert.NotNull(locker.Controller.Journal.Read(seq)); // every pending record after the reboot is intact
            }

            cuts.Add((locker.Settings.Device, newest + 1, whole, locker.Controller.BootCount));

            link.NetworkDown = false;
            FaultTestSupport.Drain(rig.Fleet);
            await AssertCustodyMatchesAsync(gateway, locker, $"after cut {i} ({cutAfterBytes[i]} bytes)");
        }

        await FaultTestSupport.AssertRecoveredAsync(gateway, School, rig.Fleet);
        Assert.All(rig.Fleet.Lockers, l => Assert.True(l.Controller.Journal.NewestSequence > JournalRecords, $"{l.Settings.Device}'s journal never went past its capacity"));
        Assert.Empty(await gateway.Store.GetQuarantineAsync(null, 10, TestContext.Current.CancellationToken));
        List<LedgerEntry> ledger = LedgerAssert.Read(gateway.DatabasePath, School);
        foreach ((string lockerId, long sequence, bool whole, long bootAfter) in cuts)
        {
            LedgerEntry entry = Assert.Single(ledger, r => r.Locker == lockerId && r.Sequence == sequence);
            if (whole)
            {
                // The whole record was found after the reboot and sent: the event of the boot that lost power.
                Assert.NotEqual(EventType.Boot, entry.Type);
                Assert.Equal(bootAfter - 1, entry.Boot);
                Assert.Equal(EventType.Boot, Assert.Single(ledger, r => r.Locker == lockerId && r.Sequence == sequence + 1).Type);
            }
            else
            {
                // The torn record was rejected; its sequence number went to the next boot's first event.
                Assert.Equal(EventType.Boot, entry.Type);
                Assert.Equal(bootAfter, entry.Boot);
            }
        }
    }

    /// <summary>Custody as the gateway derives it from the ledger matches what the locker believes it holds.</summary>
    private static async Task AssertCustodyMatchesAsync(GatewayHost gateway, VirtualLocker locker, string when)
    {
        IReadOnlyList<PhoneSafe.Gateway.Model.CustodyItem> custody = await gateway.Store.GetCustodyAsync(School, TestContext.Current.CancellationToken);
        string held = string.Join(' ', Enumerable.Range(1, locker.Controller.CompartmentCount).Select(c => $"{c}:{locker.Controller.GetCompartment(c).Occupant}").Where(t => !t.EndsWith(':')));
        string inLedger = string.Join(' ', custody.Where(c => c.Locker == locker.Settings.Device).OrderBy(c => c.Compartment).Select(c => $"{c.Compartment}:{c.Credential}"));
        Assert.True(held == inLedger, $"{locker.Settings.Device} {when}: the locker holds [{held}], the ledger's custody says [{inLedger}]");
    }

    /// <summary>The power comes back: the link is gone, doors left open are shut by hand, the firmware starts from flash.</summary>
    private static void PowerCycle(VirtualLocker locker)
    {
        locker.Link.Disconnect();
        for (int c = 1; c <= locker.Compartments.CompartmentCount; c++)
        {
            if (locker.Compartments.IsOpen(c))
            {
                locker.Compartments.Close(c);
            }
        }

        locker.Boot();
    }

    private readonly record struct Journal(long Newest, long Pending)
    {
        public Journal(VirtualLocker locker)
            : this(locker.Controller.Journal.NewestSequence, locker.Controller.Journal.PendingCount)
        {
        }
    }
}
