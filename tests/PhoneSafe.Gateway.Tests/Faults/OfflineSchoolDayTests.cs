using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Faults;

/// <summary>
/// A locker loses its network before school and gets it back in the evening, a whole school day later on its
/// (virtual, synchronised) clock. During the day a member of staff deposits and retrieves — twice in contact time —
/// a door is forced and another left open. At reconnection the journal is sent in sequence order, each event exactly
/// once, and the policy engine raises exactly the flags the day deserves, placed at device time (not at arrival).
/// </summary>
/// <remarks>
/// The day is a Monday in the past (at least a week ago, but within the year the gateway trusts a synchronised device
/// clock, see DeviceClock) in a term around it, in a UTC school so summer time cannot move the windows; so no flag that
/// depends on the gateway's real clock (no-deposit report rows, locker-offline) can concern it; the locker drops its
/// connection cleanly, so the broker publishes no offline status either.
/// </remarks>
public sealed class OfflineSchoolDayTests
{
    private const string School = "fault-day";
    private const string Locker = "lk-day";
    private static readonly DateTime Day = LastMondayAtLeastAWeekAgo();

    [Fact]
    public async Task LockerOfflineForASchoolDay_ReconnectsInTheEvening_BackfillsInOrderOnce_FlagsAtDeviceTime()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var gateway = new GatewayHost(broker.Port);
        await gateway.StartAsync();
        using HttpClient slt = await gateway.SignInAsync(UserRoles.Slt, School);
        var calendar = new CalendarDocument("Etc/UTC", null, [new TermDto("Term", IsoDate(Day.AddDays(-28)), IsoDate(Day.AddDays(28)))], [], null);
        Assert.Equal(HttpStatusCode.OK, (await slt.PutAsJsonAsync($"/api/schools/{School}/calendar", calendar, ct)).StatusCode);
        using LockerRig rig = await LockerRig.StartAsync(gateway, broker.Port, VirtualLocker.DefaultJournalBytes, At("07:00"), School, Locker);
        var people = gateway.Services.GetRequiredService<PeopleStore>();
        await people.UpsertAsync(new Person(School, "S1", PersonKind.Staff, "Ms Staff"), ct);
        await people.LinkCredentialAsync(School, CredentialHash.Compute(rig.Locker.Settings.CredentialKey, LockerRig.StaffCard), "S1", ct);
        rig.RunUntilAcknowledged();
        long onlineThrough = rig.Locker.Controller.Journal.NewestSequence;

        VirtualLocker locker = rig.Locker;
        var link = (MqttNetLink)locker.Link;
        rig.Fleet.Act(() =>
        {
            RunTo(locker, At("07:30"));
            locker.Link.Disconnect();
            link.NetworkDown = true;

            Use(locker, At("07:50"));              // deposit before contact time
            Use(locker, At("10:20"));              // retrieve in contact time: flag
            Use(locker, At("10:30"));              // deposit
            RunTo(locker, At("11:00"));
            locker.Compartments.Force(4);          // forced door: flag
            locker.Run(5000);
            locker.Compartments.Close(4);
            Use(locker, At("12:30"));              // retrieve at lunch: no flag
            Use(locker, At("13:00"));              // deposit
            Use(locker, At("14:10"));              // retrieve in contact time: flag
            Use(locker, At("14:15"));              // deposit
            Use(locker, At("15:45"));              // retrieve after contact time: no flag
            RunTo(locker, At("16:00"));
            LeaveOpen(locker, TimeSpan.FromSeconds(130)); // deposit with the door left open: flag at about 16:02
            RunTo(locker, At("18:00"));
        });

        EventJournal journal = locker.Controller.Journal;
        Assert.True(journal.PendingCount >= 10, $"only {journal.PendingCount} events held offline");
        Assert.Equal(0, journal.LostCount);
        Assert.Equal(onlineThrough, journal.AckedThrough);
        (long storedBefore, _, _, _) = await gateway.Store.GetEventSummaryAsync(School, Locker, ct);
        Assert.Equal(onlineThrough, storedBefore);

        link.NetworkDown = false;
        FaultTestSupport.Drain(rig.Fleet);
        await FaultTestSupport.AssertRecoveredAsync(gateway, School, rig.Fleet);

        // Backfill in sequence order, timestamps from the device.
        List<LedgerEntry> rows = LedgerAssert.Read(gateway.DatabasePath, School);
        Assert.Equal([.. rows.Select(r => r.Sequence).Order()], rows.Select(r => r.Sequence));
        Assert.Equal([.. rows.Select(r => r.DeviceUtc).Order(StringComparer.Ordinal)], rows.Select(r => r.DeviceUtc));
        Assert.All(rows.Where(r => r.Sequence > onlineThrough), r => Assert.StartsWith(IsoDate(Day) + "T", r.DeviceUtc, StringComparison.Ordinal));

        // Exactly the day's flags, at the times the locker saw.
        string[] expected =
        [
            $"{FlagKind.DoorForced} - {Locker} 11:00",
            $"{FlagKind.DoorLeftOpen} S1 {Locker} 16:02",
            $"{FlagKind.StaffRetrieveInContactTime} S1 {Locker} 10:20",
            $"{FlagKind.StaffRetrieveInContactTime} S1 {Locker} 14:10",
        ];
        string[] kinds = [FlagKind.StaffRetrieveInContactTime, FlagKind.DoorForced, FlagKind.DoorLeftOpen, FlagKind.TimeUnsynchronised, FlagKind.LockerOffline];
        string[] actual = [];
        for (int i = 0; i < 100 && !actual.SequenceEqual(expected); i++)
        {
            await Task.Delay(200, ct);
            actual = await FlagsAsync(slt, kinds);
        }

        Assert.Equal(expected, actual);

        // And nothing more after another evaluation pass.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        actual = await FlagsAsync(slt, kinds);
        Assert.Equal(expected, actual);
    }

    private static async Task<string[]> FlagsAsync(HttpClient slt, string[] kinds)
    {
        var flags = new List<Flag>();
        foreach (string kind in kinds)
        {
            flags.AddRange((await slt.GetFromJsonAsync<List<Flag>>($"/api/schools/{School}/flags?kind={kind}", TestContext.Current.CancellationToken))!);
        }

        return [.. flags.Select(f => $"{f.Kind} {f.PersonId ?? "-"} {f.Locker} {f.OccurredUtc.UtcDateTime:HH:mm}").Order(StringComparer.Ordinal)];
    }

    private static DateTime LastMondayAtLeastAWeekAgo()
    {
        DateTime day = DateTime.UtcNow.Date.AddDays(-7);
        return DateTime.SpecifyKind(day.AddDays(-(((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7)), DateTimeKind.Utc);
    }

    private static string IsoDate(DateTime day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime At(string time) => Day + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);

    private static void RunTo(VirtualLocker locker, DateTime utc)
    {
        long milliseconds = (long)(utc - locker.Clock.UtcNow).TotalMilliseconds;
        Assert.True(milliseconds > 0, $"the locker's clock is already past {utc:HH:mm}");
        locker.Run(milliseconds);
    }

    private static void Use(VirtualLocker locker, DateTime utc)
    {
        RunTo(locker, utc);
        Assert.NotEqual(0, locker.UseLocker(LockerRig.StaffCard));
    }

    private static void LeaveOpen(VirtualLocker locker, TimeSpan open)
    {
        locker.Tap(LockerRig.StaffCard);
        int compartment = Enumerable.Range(1, locker.Compartments.CompartmentCount).Single(locker.Compartments.IsUnlocked);
        Assert.True(locker.Compartments.TryOpen(compartment));
        locker.Run((long)open.TotalMilliseconds);
        locker.Compartments.Close(compartment);
        locker.Run(VirtualLocker.TickMilliseconds);
    }
}
