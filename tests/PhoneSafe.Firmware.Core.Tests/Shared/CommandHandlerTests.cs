using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class CommandHandlerTests
    {
        private static VirtualLocker CreateSut(MemoryLink link)
        {
            VirtualLocker locker = Fixtures.CreateLocker(link);
            locker.Clock.Synchronize(Fixtures.SyncedUtc);
            return locker;
        }

        private static byte[] Unlock(string id, int compartment, int expiresInMinutes)
        {
            return Fixtures.SignedCommand(id, CommandName.Unlock, compartment, Fixtures.Credential(Fixtures.OfficeCard), string.Empty, Fixtures.SyncedUtc.AddMinutes(expiresInMinutes));
        }

        [TestMethod]
        public void UnlockCommand_Valid_UnlocksCompartment()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            Fixtures.Deliver(sut, link, Unlock("c-1", 3, 5));
            Assert.IsTrue(sut.Compartments.IsUnlocked(3));
            Assert.AreEqual(1L, sut.Controller.Commands.Executed);
        }

        [TestMethod]
        public void UnlockCommand_ClockNotSynchronized_IsRefused()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            Fixtures.Deliver(sut, link, Unlock("c-2", 3, 5));
            Assert.IsFalse(sut.Compartments.IsUnlocked(3));
            Assert.AreEqual(CommandRefusal.ClockNotSynchronized, sut.Controller.Commands.LastRefusal);
        }

        [TestMethod]
        public void UnlockCommand_Expired_IsRefused()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            Fixtures.Deliver(sut, link, Unlock("c-3", 3, -1));
            Assert.IsFalse(sut.Compartments.IsUnlocked(3));
            Assert.AreEqual(CommandRefusal.Expired, sut.Controller.Commands.LastRefusal);
        }

        [TestMethod]
        public void SameCommandId_RunsOnce_EvenAfterReboot()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            byte[] command = Unlock("c-4", 3, 60);
            Fixtures.Deliver(sut, link, command);
            sut.Run(11000);
            Assert.IsFalse(sut.Compartments.IsUnlocked(3), "relocked: never opened");

            Fixtures.Deliver(sut, link, command);
            Assert.IsFalse(sut.Compartments.IsUnlocked(3));
            Assert.AreEqual(CommandRefusal.AlreadyRun, sut.Controller.Commands.LastRefusal);

            sut.Boot();
            sut.Clock.Synchronize(Fixtures.SyncedUtc.AddMinutes(1));
            Fixtures.Deliver(sut, link, command);
            Assert.IsFalse(sut.Compartments.IsUnlocked(3));
            Assert.AreEqual(CommandRefusal.AlreadyRun, sut.Controller.Commands.LastRefusal);
            Assert.AreEqual(1L, sut.Compartments.UnlockCount);
        }

        [TestMethod]
        public void ForgedCommand_IsRefusedWithBadMac()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            LockerCommand command = new LockerCommand { Id = "c-5", Name = CommandName.Unlock, Compartment = 1, Credential = string.Empty, Subject = string.Empty, ExpiresUtc = Fixtures.SyncedUtc.AddMinutes(5) };
            Fixtures.Deliver(sut, link, CommandCodec.Encode(Fixtures.Device, command, Fixtures.Key(9)));
            Assert.AreEqual(0L, sut.Compartments.UnlockCount);
            Assert.AreEqual(RejectReason.BadMac, sut.Controller.Commands.LastRefusal);
        }

        [TestMethod]
        public void UnlockCommand_CompartmentInUseOrOutOfRange_IsNotPossible()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            Fixtures.Deliver(sut, link, Unlock("c-6", 9, 5));
            Assert.AreEqual(CommandRefusal.NotPossible, sut.Controller.Commands.LastRefusal);
            sut.Tap(Fixtures.StaffCard);
            Fixtures.Deliver(sut, link, Unlock("c-7", 1, 5));
            Assert.AreEqual(CommandRefusal.NotPossible, sut.Controller.Commands.LastRefusal);
            Assert.AreEqual(1L, sut.Compartments.UnlockCount);
        }

        [TestMethod]
        public void IdentifyCommand_ShowsIdentifyPatternForAWhile()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            Fixtures.Deliver(sut, link, Fixtures.SignedCommand("id-1", CommandName.Identify, 0, string.Empty, string.Empty, Fixtures.SyncedUtc.AddMinutes(5)));
            Assert.AreEqual((int)Feedback.Identify, (int)sut.Indicator.Last);
            sut.Run(CommandHandler.IdentifyMilliseconds + 100);
            Assert.AreEqual((int)Feedback.Idle, (int)sut.Indicator.Last);
        }
    }
}
