using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class ReaderMonitorTests
    {
        [TestMethod]
        public void ReaderLockUp_IsResetWithinACheckInterval_AndTapsWorkAgain()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Reader.LockedUp = true;
            sut.Tap(Fixtures.StaffCard);
            Assert.AreEqual(0L, sut.Compartments.UnlockCount, "a locked-up reader reads nothing");

            sut.Run(ReaderMonitor.CheckIntervalMilliseconds + 100);
            Assert.AreEqual(1L, sut.Reader.ResetCount);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.ReaderFault));
            Assert.IsFalse(sut.Controller.Reader.IsFaulted);

            Assert.AreEqual(1L, sut.UseLocker(Fixtures.StaffCard));
        }

        [TestMethod]
        public void ReaderThatStaysDead_OneEvent_FaultPattern_KeepsRetrying_ThenRecovers()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Reader.LockedUp = true;
            sut.Reader.FailingResets = 3;
            sut.Run((3 * ReaderMonitor.CheckIntervalMilliseconds) + 100);
            Assert.IsTrue(sut.Controller.Reader.IsFaulted);
            Assert.AreEqual((int)Feedback.Fault, (int)sut.Indicator.Last);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.ReaderFault));

            sut.Run(ReaderMonitor.CheckIntervalMilliseconds + 100);
            Assert.AreEqual(4L, sut.Reader.ResetCount);
            Assert.IsFalse(sut.Controller.Reader.IsFaulted);
            Assert.AreEqual((int)Feedback.Idle, (int)sut.Indicator.Last);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.ReaderFault));
        }

        [TestMethod]
        public void ReaderThrowing_DoesNotStopTheLoop_AndIsResetAtOnce()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            long feeds = sut.Indicator.Feeds;
            sut.Reader.Throws = true;
            sut.Run(200);
            Assert.IsTrue(sut.Indicator.Feeds > feeds, "the main loop kept running");
            Assert.AreEqual(1L, sut.Reader.ResetCount);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.ReaderFault));
            Assert.AreEqual(1L, sut.UseLocker(Fixtures.StaffCard));
        }
    }
}
