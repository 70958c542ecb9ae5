using System;
using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class EventJournalTests
    {
        private static LockerEvent NewEvent(int compartment)
        {
            return new LockerEvent
            {
                Device = Fixtures.Device,
                Boot = 1,
                TimestampUtc = IsoTime.Utc(2026, 11, 25, 8, 0, 0),
                TimeSynchronized = true,
                UptimeMilliseconds = 1000 + compartment,
                Type = EventType.Deposit,
                Compartment = compartment,
                Credential = Fixtures.Credential(Fixtures.StaffCard),
                Subject = string.Empty,
            };
        }

        [TestMethod]
        public void Append_ThenRead_ReturnsEventsInOrderWithSequences()
        {
            EventJournal sut = new EventJournal(new VirtualFlash(16 * JournalRecord.Size), new MemorySettingsStore(), Fixtures.Device);
            for (int i = 1; i <= 5; i++)
            {
                sut.Append(NewEvent(i));
            }

            Assert.AreEqual(5L, sut.PendingCount);
            Assert.AreEqual(1L, sut.OldestPendingSequence);
            LockerEvent third = sut.Read(3);
            Assert.AreEqual(3L, third.Sequence);
            Assert.AreEqual(3L, third.Compartment);
            Assert.AreEqual(Fixtures.Credential(Fixtures.StaffCard), third.Credential);
        }

        [TestMethod]
        public void Acknowledge_DropsCoveredEvents_AndSurvivesRestart()
        {
            VirtualFlash flash = new VirtualFlash(16 * JournalRecord.Size);
            MemorySettingsStore settings = new MemorySettingsStore();
            EventJournal sut = new EventJournal(flash, settings, Fixtures.Device);
            for (int i = 1; i <= 5; i++)
            {
                sut.Append(NewEvent(i));
            }

            Assert.IsTrue(sut.Acknowledge(3));
            Assert.IsFalse(sut.Acknowledge(2));
            Assert.AreEqual(2L, sut.PendingCount);

            EventJournal restarted = new EventJournal(flash, settings, Fixtures.Device);
            Assert.AreEqual(2L, restarted.PendingCount);
            Assert.AreEqual(4L, restarted.OldestPendingSequence);
            restarted.Append(NewEvent(1));
            Assert.AreEqual(6L, restarted.NewestSequence);
        }

        [TestMethod]
        public void Rewind_BelowTheAcknowledgedPoint_MakesAcknowledgedEventsPendingAgain_OnlyThoseStillInFlash()
        {
            // Four segments of two events: events 1-6 all stay in flash after their acknowledgement; 9-10 then need the
            // room of 1-2.
            VirtualFlash flash = new VirtualFlash(8 * JournalRecord.Size);
            MemorySettingsStore settings = new MemorySettingsStore();
            EventJournal sut = new EventJournal(flash, settings, Fixtures.Device);
            for (int i = 1; i <= 6; i++)
            {
                sut.Append(NewEvent(1));
            }

            Assert.IsTrue(sut.Acknowledge(6));
            Assert.IsFalse(sut.Rewind(6));
            Assert.IsTrue(sut.Rewind(5));
            Assert.AreEqual(6L, sut.OldestPendingSequence);
            Assert.AreEqual(6L, sut.Read(6).Sequence);

            Assert.IsTrue(sut.Rewind(0));
            Assert.AreEqual(0L, sut.AckedThrough);
            Assert.AreEqual(6L, sut.PendingCount);
            Assert.AreEqual(1L, sut.Read(1).Sequence);

            Assert.IsTrue(sut.Acknowledge(6));
            for (int i = 7; i <= 10; i++)
            {
                sut.Append(NewEvent(1));
            }

            Assert.IsTrue(sut.Rewind(0));
            Assert.AreEqual(2L, sut.AckedThrough);
            Assert.AreEqual(8L, sut.PendingCount);
            Assert.AreEqual(3L, sut.Read(3).Sequence);
            Assert.IsFalse(sut.Rewind(2));
            Assert.AreEqual(2L, new EventJournal(flash, settings, Fixtures.Device).AckedThrough);
        }

        [TestMethod]
        public void PowerCutMidWrite_TornRecordIsIgnored_AndSequenceNeverRepeats()
        {
            VirtualFlash flash = new VirtualFlash(16 * JournalRecord.Size);
            MemorySettingsStore settings = new MemorySettingsStore();
            EventJournal sut = new EventJournal(flash, settings, Fixtures.Device);
            sut.Append(NewEvent(1));
            sut.Append(NewEvent(2));
            for (int cut = 0; cut < JournalRecord.Size; cut += 7)
            {
                EventJournal before = new EventJournal(flash, settings, Fixtures.Device);
                long newest = before.NewestSequence;
                flash.CutPowerDuringNextWrite(cut);
                Assert.ThrowsException(typeof(PowerCutException), () => before.Append(NewEvent(3)));

                EventJournal recovered = new EventJournal(flash, settings, Fixtures.Device);
                Assert.IsTrue(recovered.NewestSequence == newest || recovered.NewestSequence == newest + 1, "cut at " + cut.ToString());
                for (long s = recovered.OldestPendingSequence; s <= recovered.NewestSequence; s++)
                {
                    Assert.IsNotNull(recovered.Read(s), "pending record " + s.ToString() + " after cut at " + cut.ToString());
                }
            }
        }

        [TestMethod]
        public void WrapAround_WithAcks_KeepsEveryPendingEvent()
        {
            VirtualFlash flash = new VirtualFlash(8 * JournalRecord.Size);
            MemorySettingsStore settings = new MemorySettingsStore();
            EventJournal sut = new EventJournal(flash, settings, Fixtures.Device);
            for (int i = 1; i <= 100; i++)
            {
                sut.Append(NewEvent((i % 16) + 1));
                if (i % 5 == 0)
                {
                    sut.Acknowledge(i - 2);
                }
            }

            Assert.AreEqual(0L, sut.LostCount);
            EventJournal recovered = new EventJournal(flash, settings, Fixtures.Device);
            Assert.AreEqual(100L, recovered.NewestSequence);
            Assert.AreEqual(98L, recovered.AckedThrough);
            Assert.AreEqual(100L, recovered.Read(100).Sequence);
            Assert.AreEqual(99L, recovered.Read(99).Sequence);
        }

        [TestMethod]
        public void Overflow_WithoutAcks_DeletesOldestSegment_AndCountsLostEvents()
        {
            // 8 records in 4 segments of 2: the 9th event needs a fifth segment, so the oldest (events 1-2) goes.
            EventJournal sut = new EventJournal(new VirtualFlash(8 * JournalRecord.Size), new MemorySettingsStore(), Fixtures.Device);
            for (int i = 1; i <= 11; i++)
            {
                sut.Append(NewEvent(1));
            }

            Assert.AreEqual(7L, sut.PendingCount);
            Assert.AreEqual(4L, sut.LostCount);
            Assert.AreEqual(5L, sut.OldestPendingSequence);
            Assert.IsNull(sut.Read(4));
            Assert.AreEqual(5L, sut.Read(5).Sequence);
        }

        [TestMethod]
        public void PowerCutMidAppend_TornRecordDropped_EarlierKept_AppendingGoesOnInNewSegment()
        {
            VirtualFlash flash = new VirtualFlash(16 * JournalRecord.Size);
            MemorySettingsStore settings = new MemorySettingsStore();
            EventJournal sut = new EventJournal(flash, settings, Fixtures.Device);
            for (int i = 1; i <= 3; i++)
            {
                sut.Append(NewEvent(i));
            }

            flash.CutPowerDuringNextWrite(JournalRecord.Size / 2);
            Assert.ThrowsException(typeof(PowerCutException), () => sut.Append(NewEvent(4)));

            EventJournal recovered = new EventJournal(flash, settings, Fixtures.Device);
            Assert.AreEqual(3L, recovered.NewestSequence);
            int segmentsBefore = flash.SegmentsCreated;
            recovered.Append(NewEvent(5));
            Assert.AreEqual(segmentsBefore + 1, flash.SegmentsCreated);

            EventJournal again = new EventJournal(flash, settings, Fixtures.Device);
            Assert.AreEqual(4L, again.NewestSequence);
            for (long s = 1; s <= 4; s++)
            {
                Assert.AreEqual(s, again.Read(s).Sequence);
            }

            Assert.AreEqual(5L, again.Read(4).Compartment);
        }

        [TestMethod]
        public void Acknowledge_KeepsAcknowledgedSegments_UntilTheirRoomIsNeeded()
        {
            // 4 records per segment, 4 segments: events 1-4, 5-8, 9-12, 13-16; the 17th needs the room of 1-4.
            VirtualFlash flash = new VirtualFlash(16 * JournalRecord.Size);
            EventJournal sut = new EventJournal(flash, new MemorySettingsStore(), Fixtures.Device);
            for (int i = 1; i <= 10; i++)
            {
                sut.Append(NewEvent(i));
            }

            sut.Acknowledge(10);
            Assert.AreEqual(0, flash.SegmentsDeleted);
            Assert.AreEqual(0L, sut.PendingCount);
            Assert.AreEqual(10L, sut.ReadNewest().Sequence);

            for (int i = 11; i <= 16; i++)
            {
                Assert.IsFalse(sut.Append(NewEvent(i)));
            }

            Assert.AreEqual(0, flash.SegmentsDeleted);
            Assert.IsFalse(sut.Append(NewEvent(17)));
            Assert.AreEqual(1, flash.SegmentsDeleted);
            Assert.AreEqual(0L, sut.LostCount);
            Assert.AreEqual(7L, sut.PendingCount);
        }

        [TestMethod]
        public void Restart_WithMoreSegmentsThanAllowed_DropsTheOldest()
        {
            // 6 full segments of 64 records written, then started with room for 4.
            MemorySettingsStore settings = new MemorySettingsStore();
            VirtualFlash larger = new VirtualFlash(6 * EventJournal.DefaultSegmentBytes);
            EventJournal writer = new EventJournal(larger, settings, Fixtures.Device);
            for (int i = 1; i <= 6 * 64; i++)
            {
                writer.Append(NewEvent(1));
            }

            int[] segments = larger.ListSegments();
            VirtualFlash smaller = new VirtualFlash(4 * EventJournal.DefaultSegmentBytes);
            byte[] record = new byte[JournalRecord.Size];
            for (int i = 0; i < segments.Length; i++)
            {
                for (int position = 0; position < larger.Length(segments[i]); position += JournalRecord.Size)
                {
                    larger.Read(segments[i], position, record, 0, JournalRecord.Size);
                    smaller.Append(segments[i], record, 0, JournalRecord.Size);
                }
            }

            EventJournal sut = new EventJournal(smaller, settings, Fixtures.Device);

            Assert.AreEqual(384L, sut.NewestSequence);
            Assert.AreEqual(384L - sut.Capacity + 1, sut.OldestPendingSequence);
            Assert.AreEqual(384L, sut.Read(384).Sequence);
            Assert.AreEqual(4, smaller.ListSegments().Length);
        }

        [TestMethod]
        public void Restart_AppendsToTheSameSegment_WhenItEndsOnAWholeRecord()
        {
            VirtualFlash flash = new VirtualFlash(16 * JournalRecord.Size);
            MemorySettingsStore settings = new MemorySettingsStore();
            EventJournal sut = new EventJournal(flash, settings, Fixtures.Device);
            sut.Append(NewEvent(1));
            sut.Append(NewEvent(2));

            EventJournal restarted = new EventJournal(flash, settings, Fixtures.Device);
            restarted.Append(NewEvent(3));

            Assert.AreEqual(1, flash.SegmentsCreated);
            Assert.AreEqual(3L, restarted.Read(3).Sequence);
            Assert.AreEqual(1L, restarted.Read(1).Sequence);
        }
    }
}
