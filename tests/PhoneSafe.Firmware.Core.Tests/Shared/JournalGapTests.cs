using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class JournalGapTests
    {
        private static void Deny(VirtualLocker locker, int times)
        {
            for (int i = 0; i < times; i++)
            {
                locker.Tap(Fixtures.UnknownCard);
                locker.Run(LockerController.RepeatTapMilliseconds);
            }
        }

        [TestMethod]
        public void OfflineOverflow_WritesOneGapEvent_ThatCoversEveryLostSequence()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            link.BrokerAvailable = false;
            int capacity = sut.Controller.Journal.Capacity;
            Deny(sut, capacity + 10);
            Assert.IsTrue(sut.Controller.Journal.LostCount > 0);
            Assert.AreEqual(1L, sut.Controller.GapEvents);

            link.BrokerAvailable = true;
            long lostBelow = sut.Controller.Journal.OldestPendingSequence;
            Fixtures.AcknowledgeAsPublished(sut, link, 200);
            LockerEvent gap = Fixtures.LastPublished(link, EventType.JournalGap);
            Assert.IsNotNull(gap);
            Assert.IsTrue(gap.Sequence >= lostBelow, "the gap event is still in the ring");
            Assert.AreEqual(sut.Controller.Journal.NewestSequence, sut.Controller.Journal.AckedThrough, "everything kept was sent and acknowledged");
            for (long s = lostBelow; s <= sut.Controller.Journal.NewestSequence; s++)
            {
                Assert.IsNotNull(Fixtures.PublishedEvent(link, s), "kept event " + s.ToString() + " was sent");
            }
        }

        [TestMethod]
        public void LongOutage_GapEventOverwrittenItself_IsWrittenAgain()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            link.BrokerAvailable = false;
            int capacity = sut.Controller.Journal.Capacity;
            Deny(sut, (2 * capacity) + 10);
            Assert.AreEqual(2L, sut.Controller.GapEvents);
        }

        [TestMethod]
        public void AckedJournal_NeverWritesGapEvents()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            int capacity = sut.Controller.Journal.Capacity;
            for (int round = 0; round < 3; round++)
            {
                Deny(sut, capacity / 2);
                link.Deliver(Topics.For(Fixtures.School, Fixtures.Device, TopicKind.Ack), AckCodec.Encode(Fixtures.Device, sut.Controller.Journal.NewestSequence, Fixtures.Key(1)));
                sut.Run(100);
            }

            Assert.AreEqual(0L, sut.Controller.GapEvents);
            Assert.AreEqual(0L, sut.Controller.Journal.LostCount);
        }
    }
}
