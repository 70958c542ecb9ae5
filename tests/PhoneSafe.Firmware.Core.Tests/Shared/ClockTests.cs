using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class ClockTests
    {
        [TestMethod]
        public void EventsBeforeSync_CarryBootAndUptimeUnsynced_AfterSync_CarryTrueTime()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Tap(Fixtures.UnknownCard);
            LockerEvent before = Fixtures.LastPublished(link, EventType.BadgeDenied);
            Assert.IsFalse(before.TimeSynchronized);
            Assert.AreEqual(sut.Controller.BootCount, before.Boot);
            Assert.IsTrue(before.UptimeMilliseconds > 0);

            sut.Run(3000);
            sut.Clock.Synchronize(Fixtures.SyncedUtc);
            sut.Run(1000);
            sut.Tap(Fixtures.UnknownCard);
            LockerEvent after = Fixtures.LastPublished(link, EventType.BadgeDenied);
            Assert.IsTrue(after.TimeSynchronized);
            Assert.AreEqual(before.Boot, after.Boot);
            Assert.IsTrue(after.UptimeMilliseconds > before.UptimeMilliseconds);
            Assert.IsTrue(after.Sequence > before.Sequence);
            Assert.AreEqual("2026-11-25T08:00:01Z", IsoTime.Format(after.TimestampUtc));
        }

        [TestMethod]
        public void Reboot_StartsUnsyncedAgain_WithHigherBootCounter()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Clock.Synchronize(Fixtures.SyncedUtc);
            long firstBoot = sut.Controller.BootCount;
            sut.Boot();
            sut.Run(100);
            LockerEvent boot = Fixtures.LastPublished(link, EventType.Boot);
            Assert.AreEqual(firstBoot + 1, boot.Boot);
            Assert.IsFalse(boot.TimeSynchronized);
        }
    }
}
