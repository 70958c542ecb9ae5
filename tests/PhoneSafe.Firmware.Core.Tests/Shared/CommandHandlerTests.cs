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
        public void UnlockCommand_Valid_UnlocksCompartment_AndReportsExecuted()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            Fixtures.Deliver(sut, link, Unlock("c-1", 3, 5));
            Assert.IsTrue(sut.Compartments.IsUnlocked(3));
            Assert.AreEqual(1L, sut.Controller.Commands.Executed);
            CommandResult result = Fixtures.LastResult(link);
            Assert.AreEqual("c-1", result.Id);
            Assert.IsTrue(result.Executed);
            Assert.AreEqual(string.Empty, result.Reason);
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
            CommandResult result = Fixtures.LastResult(link);
            Assert.AreEqual("c-3", result.Id);
            Assert.IsFalse(result.Executed);
            Assert.AreEqual(CommandRefusal.Expired, result.Reason);
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
            Assert.IsNull(Fixtures.LastResult(link), "no result for a command that is not authentic");
        }

        [TestMethod]
        public void UnlockCommand_CompartmentInUseOrOutOfRange_IsRefusedWithTheReason()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            Fixtures.Deliver(sut, link, Unlock("c-6", 9, 5));
            Assert.AreEqual(CommandRefusal.NoSuchCompartment, Fixtures.LastResult(link).Reason);
            sut.Tap(Fixtures.StaffCard);
            Fixtures.Deliver(sut, link, Unlock("c-7", 1, 5));
            Assert.AreEqual(CommandRefusal.InUse, Fixtures.LastResult(link).Reason);
            Assert.AreEqual("c-7", Fixtures.LastResult(link).Id);
            Assert.AreEqual(1L, sut.Compartments.UnlockCount);
        }

        [TestMethod]
        public void ClearCommand_FaultedCompartment_BackInServiceWithoutUnlocking_AndSurvivesReboot()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            sut.Compartments.Force(3);
            sut.Run(100);
            sut.Compartments.Close(3);
            sut.Run(100);
            Assert.AreEqual((int)CompartmentState.Fault, (int)sut.Controller.GetCompartment(3).State);
            string admin = Fixtures.Credential(Fixtures.OfficeCard);

            Fixtures.Deliver(sut, link, Fixtures.SignedCommand("clr-1", CommandName.Clear, 3, admin, string.Empty, Fixtures.SyncedUtc.AddMinutes(5)));

            Assert.AreEqual(0L, sut.Compartments.UnlockCount);
            Assert.IsTrue(Fixtures.LastResult(link).Executed);
            Assert.AreEqual(admin, Fixtures.LastPublished(link, EventType.FaultCleared).Credential);
            sut.Boot();
            Assert.AreEqual((int)CompartmentState.Free, (int)sut.Controller.GetCompartment(3).State);
        }

        [TestMethod]
        public void ClearCommand_CompartmentNotFaulted_IsRefused()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            Fixtures.Deliver(sut, link, Fixtures.SignedCommand("clr-2", CommandName.Clear, 4, string.Empty, string.Empty, Fixtures.SyncedUtc.AddMinutes(5)));
            Assert.AreEqual(CommandRefusal.NotFaulted, Fixtures.LastResult(link).Reason);
            Assert.AreEqual(0, Fixtures.CountPublished(link, EventType.FaultCleared));
        }

        [TestMethod]
        public void ClearCommand_NamingThePhoneInside_EmptiesTheCompartment_SoTheOwnersNextTapIsADeposit()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            int compartment = sut.UseLocker(Fixtures.StaffCard);
            string owner = Fixtures.Credential(Fixtures.StaffCard);
            Assert.AreEqual(owner, sut.Controller.GetCompartment(compartment).Occupant);

            Fixtures.Deliver(sut, link, Fixtures.SignedCommand("clr-3", CommandName.Clear, compartment, string.Empty, owner, Fixtures.SyncedUtc.AddMinutes(5)));

            Assert.IsTrue(Fixtures.LastResult(link).Executed);
            Assert.AreEqual(owner, Fixtures.LastPublished(link, EventType.FaultCleared).Subject);
            sut.Boot();
            Assert.AreEqual((int)CompartmentState.Free, (int)sut.Controller.GetCompartment(compartment).State);
            int retrievesBefore = Fixtures.CountPublished(link, EventType.Retrieve);
            sut.UseLocker(Fixtures.StaffCard);
            Assert.AreEqual(retrievesBefore, Fixtures.CountPublished(link, EventType.Retrieve), "the next use is a deposit, not a retrieve of a phone no longer there");
        }

        [TestMethod]
        public void ClearCommand_NamingAnotherPhone_OnAHealthyCompartment_IsRefusedAndKeepsTheOccupant()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            int compartment = sut.UseLocker(Fixtures.StaffCard);
            Fixtures.Deliver(sut, link, Fixtures.SignedCommand("clr-4", CommandName.Clear, compartment, string.Empty, Fixtures.Credential(Fixtures.OfficeCard), Fixtures.SyncedUtc.AddMinutes(5)));
            Assert.AreEqual(CommandRefusal.NotFaulted, Fixtures.LastResult(link).Reason);
            Assert.AreEqual(Fixtures.Credential(Fixtures.StaffCard), sut.Controller.GetCompartment(compartment).Occupant);
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
