using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class CompartmentStateTests
    {
        [TestMethod]
        public void AssignedCompartment_IsAssignedUntilItsOwnerDeposits_ThenAssignedAgainAfterRetrieve()
        {
            VirtualLocker sut = Fixtures.CreateLocker(new MemoryLink());
            Assert.AreEqual((int)CompartmentState.Assigned, (int)sut.Controller.GetCompartment(2).State);
            Assert.AreEqual((int)CompartmentState.Free, (int)sut.Controller.GetCompartment(1).State);

            Assert.AreEqual(2L, sut.UseLocker(Fixtures.AssignedCard));
            Assert.AreEqual((int)CompartmentState.Occupied, (int)sut.Controller.GetCompartment(2).State);
            sut.Run(3000);
            Assert.AreEqual(2L, sut.UseLocker(Fixtures.AssignedCard));
            Assert.AreEqual((int)CompartmentState.Assigned, (int)sut.Controller.GetCompartment(2).State);
        }

        [TestMethod]
        public void UnlockedCompartment_WaitsForDoor_ThenOpen_ThenRestsOccupied()
        {
            VirtualLocker sut = Fixtures.CreateLocker(new MemoryLink());
            sut.Tap(Fixtures.StaffCard);
            Compartment compartment = sut.Controller.GetCompartment(1);
            Assert.AreEqual((int)CompartmentState.UnlockedAwaitingOpen, (int)compartment.State);
            Assert.AreEqual((int)Feedback.Granted, (int)sut.Indicator.Last);
            Assert.IsTrue(sut.Compartments.TryOpen(1));
            sut.Run(100);
            Assert.AreEqual((int)CompartmentState.Open, (int)compartment.State);
            Assert.IsFalse(sut.Compartments.IsUnlocked(1), "solenoid released once the door opened");
            sut.Compartments.Close(1);
            sut.Run(100);
            Assert.AreEqual((int)CompartmentState.Occupied, (int)compartment.State);
            Assert.AreEqual((int)Feedback.Idle, (int)sut.Indicator.Last);
        }

        [TestMethod]
        public void ForcedDoor_PutsCompartmentInFault_NotOfferedAsFree_AndSurvivesReboot()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Compartments.Force(1);
            sut.Run(100);
            Assert.AreEqual((int)CompartmentState.ForcedOpen, (int)sut.Controller.GetCompartment(1).State);
            Assert.AreEqual((int)Feedback.DoorOpen, (int)sut.Indicator.Last);
            sut.Compartments.Close(1);
            sut.Run(100);
            Assert.AreEqual((int)CompartmentState.Fault, (int)sut.Controller.GetCompartment(1).State);
            Assert.AreEqual((int)Feedback.Fault, (int)sut.Indicator.Last);

            Assert.AreEqual(3L, sut.UseLocker(Fixtures.StaffCard), "the faulted compartment 1 is skipped");

            sut.Boot();
            Assert.AreEqual((int)CompartmentState.Fault, (int)sut.Controller.GetCompartment(1).State);
        }

        [TestMethod]
        public void FaultedCompartment_OccupantCanStillRetrieve_AndItStaysInFault()
        {
            VirtualLocker sut = Fixtures.CreateLocker(new MemoryLink());
            Assert.AreEqual(1L, sut.UseLocker(Fixtures.StaffCard));
            sut.Compartments.Force(1);
            sut.Run(100);
            sut.Compartments.Close(1);
            sut.Run(3000);
            Assert.AreEqual((int)CompartmentState.Fault, (int)sut.Controller.GetCompartment(1).State);

            Assert.AreEqual(1L, sut.UseLocker(Fixtures.StaffCard));
            Assert.IsFalse(sut.Controller.GetCompartment(1).IsOccupied);
            Assert.AreEqual((int)CompartmentState.Fault, (int)sut.Controller.GetCompartment(1).State);
        }

        [TestMethod]
        public void ServiceUnlockCommand_ClearsFault_AndRecordsDoorOpenedAndClosed()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Clock.Synchronize(Fixtures.SyncedUtc);
            sut.Compartments.Force(4);
            sut.Run(100);
            sut.Compartments.Close(4);
            sut.Run(100);
            string admin = Fixtures.Credential(Fixtures.OfficeCard);
            Fixtures.Deliver(sut, link, Fixtures.SignedCommand("svc-1", CommandName.Unlock, 4, admin, string.Empty, Fixtures.SyncedUtc.AddMinutes(5)));
            Assert.IsTrue(sut.Compartments.IsUnlocked(4));
            sut.Compartments.TryOpen(4);
            sut.Run(100);
            sut.Compartments.Close(4);
            sut.Run(100);
            Assert.AreEqual((int)CompartmentState.Free, (int)sut.Controller.GetCompartment(4).State);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.DoorOpened));
            Assert.AreEqual(admin, Fixtures.LastPublished(link, EventType.DoorClosed).Credential);
            Assert.AreEqual((int)Feedback.Idle, (int)sut.Indicator.Last);
        }

        [TestMethod]
        public void SecondTapWhileUnlocked_DoesNotUnlockASecondCompartment()
        {
            // Found by the random sequence test: two open compartments, then the same phone "deposited" twice.
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Tap(Fixtures.StaffCard);
            sut.Compartments.TryOpen(1);
            sut.Run(LockerController.RepeatTapMilliseconds + 100);
            sut.Tap(Fixtures.StaffCard);
            Assert.AreEqual(1L, sut.Compartments.UnlockCount);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.BadgeDenied));
        }

        [TestMethod]
        public void NewConfig_MovesCompartmentsBetweenFreeAndAssigned()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            LockerConfig config = new LockerConfig { Version = 7 };
            config.Allow.Add(new AllowEntry { Credential = Fixtures.Credential(Fixtures.AssignedCard), Role = Roles.Staff, Compartment = 3 });
            link.Deliver(Topics.For(Fixtures.School, Fixtures.Device, TopicKind.Config), ConfigCodec.Encode(Fixtures.Device, config, Fixtures.Key(1)));
            sut.Run(100);
            Assert.AreEqual((int)CompartmentState.Free, (int)sut.Controller.GetCompartment(2).State);
            Assert.AreEqual((int)CompartmentState.Assigned, (int)sut.Controller.GetCompartment(3).State);
            Assert.AreEqual(3L, sut.UseLocker(Fixtures.AssignedCard));
        }
    }
}
