using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Tests.Shared;
using PhoneSafe.Firmware.Virtual;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Journal;

/// <summary>
/// The flash-endurance figure of firmware/README.md, from what the journal and settings really ask of the flash during
/// a staff-room day, priced with the LittleFS cost model the README explains.
/// </summary>
public sealed class JournalEnduranceTests
{
    // LittleFS (nanoFramework's ESP32 internal drive) cost model, README "Flash endurance":
    // a synced append copies the file's partly filled last block into a freshly erased one;
    private const double ErasesPerAppend = 1.0;

    // every metadata commit (file sync, create, delete, rename) logs about 64 bytes into a 4 KB metadata block,
    // which is erased (compacted) when full.
    private const double ErasesPerMetadataCommit = 64.0 / 4096;

    // a settings write is: write and flush a temp file, delete the old one, rename (FileSettingsStore).
    private const int CommitsPerSettingsWrite = 3;

    // Wear budget: the 256 KB LittleFS partition is 64 blocks; a full journal holds 32 and settings, certificates and
    // metadata a few more, so at least 24 blocks share the erases; NOR flash endures 100,000 erase cycles per block.
    private const double EraseBudget = 24 * 100_000.0;
    private const int EventsPerSchoolDay = 400;
    private const int SchoolDaysPerYear = 190;

    [Fact]
    public void StaffRoomWeek_OneAppendPerEvent_SegmentsCreatedAndDeletedWhole_LastsTenSchoolYears()
    {
        var link = new MemoryLink();
        VirtualLocker locker = Fixtures.CreateLocker(link, 2048);
        VirtualFlash flash = locker.Flash;
        long firstSequence = locker.Controller.Journal.NewestSequence;
        (int appends, int created, int deleted, int settings) = (flash.WriteCount, flash.SegmentsCreated, flash.SegmentsDeleted, locker.Store.WriteCount);

        // Past the journal's capacity (2,048 events), where acknowledged segments are deleted to make room.
        for (int cycle = 0; cycle < 2000; cycle++)
        {
            locker.UseLocker(Fixtures.StaffCard);
            locker.Run(3000);
            if (cycle % 5 == 0)
            {
                locker.Tap(Fixtures.UnknownCard);
                locker.Run(3000);
            }

            if (cycle % 5 == 4)
            {
                Fixtures.AcknowledgeAsPublished(locker, link, 10);
            }
        }

        double events = locker.Controller.Journal.NewestSequence - firstSequence;
        double appendsPerEvent = (flash.WriteCount - appends) / events;
        double segmentOpsPerEvent = (flash.SegmentsCreated - created + flash.SegmentsDeleted - deleted) / events;
        double settingsPerEvent = (locker.Store.WriteCount - settings) / events;
        double commitsPerEvent = appendsPerEvent + segmentOpsPerEvent + (CommitsPerSettingsWrite * settingsPerEvent);
        double erasesPerEvent = (appendsPerEvent * ErasesPerAppend) + (commitsPerEvent * ErasesPerMetadataCommit);
        double years = EraseBudget / (erasesPerEvent * EventsPerSchoolDay * SchoolDaysPerYear);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{events} events: {appendsPerEvent:F3} appends, {segmentOpsPerEvent:F4} segment creates+deletes, {settingsPerEvent:F3} settings writes, {erasesPerEvent:F3} erases per event; {years:F0} school years");
        Assert.True(events > 400, $"only {events} events");
        Assert.Equal(1.0, appendsPerEvent, 3);
        Assert.True(segmentOpsPerEvent <= 2.0 / (EventJournal.DefaultSegmentBytes / JournalRecord.Size) + 0.001, $"{segmentOpsPerEvent:F4} segment creates+deletes per event");
        Assert.True(flash.SegmentsDeleted - deleted > 0, "no acknowledged segment was deleted");
        Assert.True(years >= 10, $"{erasesPerEvent:F3} erases per event: {years:F1} school years");
    }
}
