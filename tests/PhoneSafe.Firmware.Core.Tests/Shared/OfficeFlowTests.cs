using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class OfficeFlowTests
    {
        private static int OpenAndClose(VirtualLocker locker)
        {
            for (int c = 1; c <= locker.Compartments.CompartmentCount; c++)
            {
                if (locker.Compartments.IsUnlocked(c) && locker.Compartments.TryOpen(c))
                {
                    locker.Run(1000);
                    locker.Compartments.Close(c);
                    locker.Run(VirtualLocker.TickMilliseconds);
                    return c;
                }
            }

            return 0;
        }

        [TestMethod]
        public void OfficeBadgeThenPupilCard_IntakeThenRelease_RecordPupilAsSubject()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            string office = Fixtures.Credential(Fixtures.OfficeCard);
            string pupil = Fixtures.Credential(Fixtures.PupilCard);

            sut.Tap(Fixtures.OfficeCard);
            Assert.AreEqual(0L, sut.Compartments.UnlockCount, "an office badge alone opens nothing");
            sut.Run(1000);
            sut.Tap(Fixtures.PupilCard);
            int compartment = OpenAndClose(sut);
            Assert.AreEqual(1L, compartment);
            LockerEvent intake = Fixtures.LastPublished(link, EventType.Deposit);
            Assert.AreEqual(office, intake.Credential);
            Assert.AreEqual(pupil, intake.Subject);
            Assert.AreEqual(pupil, sut.Controller.GetCompartment(1).Occupant);

            sut.Run(3000);
            sut.Tap(Fixtures.OfficeCard);
            sut.Tap(Fixtures.PupilCard);
            Assert.AreEqual(1L, OpenAndClose(sut));
            LockerEvent release = Fixtures.LastPublished(link, EventType.Retrieve);
            Assert.AreEqual(office, release.Credential);
            Assert.AreEqual(pupil, release.Subject);
            Assert.IsFalse(sut.Controller.GetCompartment(1).IsOccupied);
        }

        [TestMethod]
        public void PupilCardWithoutOfficeBadge_IsDenied()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Tap(Fixtures.PupilCard);
            Assert.AreEqual(0L, sut.Compartments.UnlockCount);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.BadgeDenied));
            Assert.AreEqual((int)Feedback.Denied, (int)sut.Indicator.Last);
            sut.Run(Signals.DeniedMilliseconds + 100);
            Assert.AreEqual((int)Feedback.Idle, (int)sut.Indicator.Last);
        }

        [TestMethod]
        public void PupilCardAfterTheWindow_IsDenied()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Tap(Fixtures.OfficeCard);
            sut.Run(OfficeFlow.PupilWindowMilliseconds + 100);
            sut.Tap(Fixtures.PupilCard);
            Assert.AreEqual(0L, sut.Compartments.UnlockCount);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.BadgeDenied));
        }

        [TestMethod]
        public void OneOfficeBadge_ServesOnePupilOnly()
        {
            VirtualLocker sut = Fixtures.CreateLocker(new MemoryLink());
            sut.Tap(Fixtures.OfficeCard);
            sut.Tap(Fixtures.PupilCard);
            Assert.AreEqual(1L, OpenAndClose(sut));
            sut.Tap(Fixtures.OtherPupilCard);
            Assert.AreEqual(1L, sut.Compartments.UnlockCount);
        }

        [TestMethod]
        public void IntakeAndReleaseCommands_UseTheConsolePupil()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Clock.Synchronize(Fixtures.SyncedUtc);
            string office = Fixtures.Credential(Fixtures.OfficeCard);
            string pupil = Fixtures.Credential(Fixtures.OtherPupilCard);

            Fixtures.Deliver(sut, link, Fixtures.SignedCommand("in-1", CommandName.Intake, 3, office, pupil, Fixtures.SyncedUtc.AddMinutes(5)));
            Assert.AreEqual(3L, OpenAndClose(sut));
            Assert.AreEqual(pupil, Fixtures.LastPublished(link, EventType.Deposit).Subject);

            Fixtures.Deliver(sut, link, Fixtures.SignedCommand("out-1", CommandName.Release, 0, office, pupil, Fixtures.SyncedUtc.AddMinutes(5)));
            Assert.AreEqual(3L, OpenAndClose(sut));
            Assert.AreEqual(pupil, Fixtures.LastPublished(link, EventType.Retrieve).Subject);
            Assert.AreEqual(2L, sut.Controller.Commands.Executed);
        }

        [TestMethod]
        public void ReleaseCommand_ForPupilWithNoPhoneInside_IsRefused()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Clock.Synchronize(Fixtures.SyncedUtc);
            Fixtures.Deliver(sut, link, Fixtures.SignedCommand("out-2", CommandName.Release, 0, string.Empty, Fixtures.Credential(Fixtures.PupilCard), Fixtures.SyncedUtc.AddMinutes(5)));
            Assert.AreEqual(0L, sut.Compartments.UnlockCount);
            Assert.AreEqual(CommandRefusal.NoPhone, sut.Controller.Commands.LastRefusal);
        }
    }
}
