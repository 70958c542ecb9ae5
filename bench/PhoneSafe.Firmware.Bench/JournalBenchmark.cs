using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Bench;

/// <summary>
/// Flash use of the event journal under a staff-room day: deposit and retrieve cycles, some refused cards, the
/// gateway acknowledging every 10 events. Counts journal appends, segment files created and deleted, and settings
/// (small file) writes per event.
/// </summary>
internal static class JournalBenchmark
{
    public static void Run(int cycles)
    {
        var link = new MemoryLink();
        VirtualLocker locker = BenchLocker.Create(200, link);
        long journalWrites = locker.Flash.WriteCount;
        long journalBytes = locker.Flash.BytesWritten;
        long settingsWrites = locker.Store.WriteCount;
        long segmentOps = locker.Flash.SegmentsCreated + locker.Flash.SegmentsDeleted;
        long firstSequence = locker.Controller.Journal.NewestSequence;
        string ackTopic = Topics.For("bench-school", BenchLocker.Device, TopicKind.Ack);
        long lastAcked = locker.Controller.Journal.AckedThrough;
        int acks = 0;
        for (int i = 0; i < cycles; i++)
        {
            locker.UseLocker(BenchLocker.StaffCard);
            locker.Run(3000);
            if (i % 5 == 0)
            {
                locker.Tap(BenchLocker.UnknownCard);
                locker.Run(3000);
            }

            long newest = locker.Controller.Journal.NewestSequence;
            if (newest - lastAcked >= 10)
            {
                link.Deliver(ackTopic, AckCodec.Encode(BenchLocker.Device, newest, BenchLocker.Key(1)));
                locker.Run(VirtualLocker.TickMilliseconds);
                lastAcked = newest;
                acks++;
            }
        }

        long events = locker.Controller.Journal.NewestSequence - firstSequence;
        long recordWrites = locker.Flash.WriteCount - journalWrites;
        long recordBytes = locker.Flash.BytesWritten - journalBytes;
        long smallWrites = locker.Store.WriteCount - settingsWrites;
        long segments = locker.Flash.SegmentsCreated + locker.Flash.SegmentsDeleted - segmentOps;
        Console.WriteLine($"Journal: {events} events ({cycles} deposit/retrieve cycles, a refused card every 5th, {acks} acks)");
        Console.WriteLine($"  bytes of flash per record       {JournalRecord.Size} (fixed slot: header, times, compartment, two 16-byte hashes, CRC-32)");
        Console.WriteLine($"  capacity of the 128 KB journal  {VirtualLocker.DefaultJournalBytes / JournalRecord.Size} events");
        Console.WriteLine($"  journal appends per event       {recordWrites / (double)events:F2} ({recordBytes / (double)events:F0} bytes)");
        Console.WriteLine($"  segment creates+deletes / event {segments / (double)events:F3} (4 KB segments, deleted whole once acknowledged)");
        Console.WriteLine($"  settings writes per event       {smallWrites / (double)events:F2} (occupants on each deposit/retrieve, acked sequence per ack)");
        Console.WriteLine($"  all flash writes per event      {(recordWrites + smallWrites) / (double)events:F2}");
    }
}
