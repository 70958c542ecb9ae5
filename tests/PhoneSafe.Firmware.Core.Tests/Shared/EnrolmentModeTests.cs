using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class EnrolmentModeTests
    {
        private static void Enrol(VirtualLocker locker, MemoryLink link, string id)
        {
            Fixtures.Deliver(locker, link, Fixtures.SignedCommand(id, CommandName.Enrol, 0, string.Empty, string.Empty, Fixtures.SyncedUtc.AddMinutes(5)));
        }

        [TestMethod]
        public void EnrolCommand_NextUnknownCard_IsReportedOnce_ThenDeniedAgain()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Clock.Synchronize(Fixtures.SyncedUtc);
            Enrol(sut, link, "en-1");
            Assert.IsTrue(sut.Controller.IsEnrolling());
            Assert.AreEqual((int)Feedback.Enrolment, (int)sut.Indicator.Last);

            sut.Tap(Fixtures.UnknownCard);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.CardPresented));
            Assert.AreEqual(Fixtures.Credential(Fixtures.UnknownCard), Fixtures.LastPublished(link, EventType.CardPresented).Credential);
            Assert.AreEqual(0L, Fixtures.CountPublished(link, EventType.BadgeDenied));
            Assert.IsFalse(sut.Controller.IsEnrolling());

            sut.Run(3000);
            sut.Tap(Fixtures.UnknownCard);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.CardPresented));
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.BadgeDenied));
        }

        [TestMethod]
        public void EnrolmentMode_KnownCardsStillWork()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Clock.Synchronize(Fixtures.SyncedUtc);
            Enrol(sut, link, "en-2");
            Assert.AreEqual(1L, sut.UseLocker(Fixtures.StaffCard));
            Assert.IsTrue(sut.Controller.IsEnrolling());
        }

        [TestMethod]
        public void EnrolmentMode_EndsAfterItsWindow()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Clock.Synchronize(Fixtures.SyncedUtc);
            Enrol(sut, link, "en-3");
            sut.Run(EnrolmentMode.WindowMilliseconds + 100);
            Assert.IsFalse(sut.Controller.IsEnrolling());
            Assert.AreEqual((int)Feedback.Idle, (int)sut.Indicator.Last);
            sut.Tap(Fixtures.UnknownCard);
            Assert.AreEqual(0L, Fixtures.CountPublished(link, EventType.CardPresented));
        }
    }
}
