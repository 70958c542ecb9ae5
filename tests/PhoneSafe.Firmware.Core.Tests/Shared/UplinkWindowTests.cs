using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class UplinkWindowTests
    {
        private static VirtualLocker LockerWithBacklog(MemoryLink link, int events)
        {
            VirtualLocker sut = Fixtures.CreateLocker(link, 512);
            link.BrokerAvailable = false;
            for (int i = 0; i < events; i++)
            {
                sut.Tap(Fixtures.UnknownCard);
                sut.Run(LockerController.RepeatTapMilliseconds);
            }

            link.BrokerAvailable = true;
            return sut;
        }

        [TestMethod]
        public void Backlog_WithoutAcknowledgement_SendsNoMoreThanTheWindow()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = LockerWithBacklog(link, 200);
            long acked = sut.Controller.Journal.AckedThrough;

            sut.Run(20000);

            LockerEvent newest = Fixtures.LastEvent(link);
            Assert.AreEqual(acked + Uplink.MaxUnacknowledged, newest.Sequence, "sent up to the window and no further");
            Assert.IsNull(Fixtures.PublishedEvent(link, acked + Uplink.MaxUnacknowledged + 1));
        }

        [TestMethod]
        public void Backlog_EachAcknowledgement_MovesTheWindowOn_UntilAllIsAcknowledged()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = LockerWithBacklog(link, 200);

            Fixtures.AcknowledgeAsPublished(sut, link, 20);

            Assert.AreEqual(sut.Controller.Journal.NewestSequence, sut.Controller.Journal.AckedThrough);
            Assert.AreEqual(0, sut.Controller.Journal.PendingCount);
        }

        [TestMethod]
        public void Window_NoAcknowledgementFor30Seconds_ResendsFromTheOldestUnacknowledged()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = LockerWithBacklog(link, 100);
            long oldest = sut.Controller.Journal.OldestPendingSequence;
            sut.Run(5000);
            int sentOnce = link.Published.Count;

            sut.Run(Uplink.ResendAfterMilliseconds + 5000);

            Assert.IsTrue(link.Published.Count > sentOnce, "something was sent again");
            int copies = 0;
            for (int i = 0; i < link.Published.Count; i++)
            {
                PublishedMessage message = (PublishedMessage)link.Published[i];
                if (EventCodec.TryDecode(message.Payload, Fixtures.Device, Fixtures.Key(1), out LockerEvent lockerEvent, out _) && lockerEvent.Sequence == oldest)
                {
                    copies++;
                }
            }

            Assert.AreEqual(2, copies, "the oldest unacknowledged event was sent again once");
        }

        [TestMethod]
        public void NewEvent_AfterAQuietMinute_IsNotSentAgainBeforeItHasWaited30Seconds()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            Fixtures.AcknowledgeAsPublished(sut, link, 10);
            sut.Run(60000);

            sut.Tap(Fixtures.UnknownCard);
            long sequence = sut.Controller.Journal.NewestSequence;
            sut.Run(Uplink.ResendAfterMilliseconds - 1000);

            Assert.AreEqual(1, Copies(link, sequence), "an acknowledgement may take up to the resend time from the send, not from the last acknowledgement");
            sut.Run(2000);
            Assert.AreEqual(2, Copies(link, sequence), "sent again once the resend time has passed since the send");
        }

        private static int Copies(MemoryLink link, long sequence)
        {
            int copies = 0;
            for (int i = 0; i < link.Published.Count; i++)
            {
                PublishedMessage message = (PublishedMessage)link.Published[i];
                if (EventCodec.TryDecode(message.Payload, Fixtures.Device, Fixtures.Key(1), out LockerEvent lockerEvent, out _) && lockerEvent.Sequence == sequence)
                {
                    copies++;
                }
            }

            return copies;
        }
    }
}
