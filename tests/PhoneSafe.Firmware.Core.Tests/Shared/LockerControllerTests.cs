using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class LockerControllerTests
    {
        [TestMethod]
        public void StaffTap_OpenAndClose_RecordsDepositThenRetrieve()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);

            int compartment = sut.UseLocker(Fixtures.StaffCard);
            Assert.AreNotEqual(0L, compartment);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.Deposit));
            Assert.AreEqual(Fixtures.Credential(Fixtures.StaffCard), sut.Controller.GetCompartment(compartment).Occupant);

            sut.Run(3000);
            Assert.AreEqual(compartment, sut.UseLocker(Fixtures.StaffCard));
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.Retrieve));
            Assert.IsFalse(sut.Controller.GetCompartment(compartment).IsOccupied);
        }

        [TestMethod]
        public void AssignedCard_UsesItsCompartment()
        {
            VirtualLocker sut = Fixtures.CreateLocker(new MemoryLink());
            Assert.AreEqual(2L, sut.UseLocker(Fixtures.AssignedCard));
        }

        [TestMethod]
        public void FreeCompartmentChoice_SkipsCompartmentsAssignedToOthers()
        {
            VirtualLocker sut = Fixtures.CreateLocker(new MemoryLink());
            Assert.AreEqual(1L, sut.UseLocker(Fixtures.StaffCard));
            Assert.AreEqual(2L, sut.UseLocker(Fixtures.AssignedCard));
        }

        [TestMethod]
        public void UnknownCard_IsDenied_AndNothingUnlocks()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Tap(Fixtures.UnknownCard);
            Assert.AreEqual(0L, sut.Compartments.UnlockCount);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.BadgeDenied));
            Assert.AreEqual((int)Feedback.Denied, (int)sut.Indicator.Last);
        }

        [TestMethod]
        public void UnlockedButNeverOpened_RelocksAfterUnlockSeconds()
        {
            VirtualLocker sut = Fixtures.CreateLocker(new MemoryLink());
            sut.Tap(Fixtures.StaffCard);
            Assert.IsTrue(sut.Compartments.IsUnlocked(1));
            sut.Run(11000);
            Assert.IsFalse(sut.Compartments.IsUnlocked(1));
            Assert.AreEqual((int)CompartmentState.Free, (int)sut.Controller.GetCompartment(1).State);
        }

        [TestMethod]
        public void ConfiguredUnlockOver10Seconds_SolenoidReleasedAfter10Seconds()
        {
            LockerConfig config = new LockerConfig { Version = 1, UnlockSeconds = 60, LeftOpenSeconds = 120 };
            config.Allow.Add(new AllowEntry { Credential = Fixtures.Credential(Fixtures.StaffCard), Role = Roles.Staff, Compartment = 0 });
            VirtualLocker sut = new VirtualLocker(Fixtures.Settings(), 4, new MemoryLink(), 64 * JournalRecord.Size);
            sut.Store.Write(LockerController.ConfigSetting, ConfigCodec.Encode(Fixtures.Device, config, Fixtures.Key(1)));
            sut.Boot();
            sut.Run(VirtualLocker.TickMilliseconds);

            sut.Tap(Fixtures.StaffCard);
            sut.Run((LockerLimits.MaxUnlockSeconds * 1000) - 200);
            Assert.IsTrue(sut.Compartments.IsUnlocked(1));
            sut.Run(300);
            Assert.IsFalse(sut.Compartments.IsUnlocked(1));
        }

        [TestMethod]
        public void ClampUnlockSeconds_KeepsTheWindowWithin3To10Seconds()
        {
            Assert.AreEqual(3, LockerLimits.ClampUnlockSeconds(0));
            Assert.AreEqual(7, LockerLimits.ClampUnlockSeconds(7));
            Assert.AreEqual(10, LockerLimits.ClampUnlockSeconds(60));
        }

        [TestMethod]
        public void DoorOpenedWhileLocked_RecordsDoorForced()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Compartments.Force(3);
            sut.Run(100);
            sut.Compartments.Close(3);
            sut.Run(100);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.DoorForced));
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.DoorClosed));
        }

        [TestMethod]
        public void DoorLeftOpen_IsReportedOnce()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Tap(Fixtures.StaffCard);
            sut.Compartments.TryOpen(1);
            sut.Run(130000);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.DoorLeftOpen));
            Assert.AreEqual((int)Feedback.DoorOpen, (int)sut.Indicator.Last);
        }

        [TestMethod]
        public void Ack_FromGateway_EmptiesJournal()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.UseLocker(Fixtures.StaffCard);
            long newest = sut.Controller.Journal.NewestSequence;
            link.Deliver(Topics.For(Fixtures.School, Fixtures.Device, TopicKind.Ack), AckCodec.Encode(Fixtures.Device, newest, Fixtures.Key(1)));
            sut.Run(100);
            Assert.AreEqual(0L, sut.Controller.Journal.PendingCount);
        }

        [TestMethod]
        public void ForgedAck_IsIgnored()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.UseLocker(Fixtures.StaffCard);
            link.Deliver(Topics.For(Fixtures.School, Fixtures.Device, TopicKind.Ack), AckCodec.Encode(Fixtures.Device, 99, Fixtures.Key(7)));
            sut.Run(100);
            Assert.AreNotEqual(0L, sut.Controller.Journal.PendingCount);
            Assert.AreEqual(1L, sut.Controller.Uplink.RejectedMessages);
        }

        [TestMethod]
        public void BrokerDown_EventsKeptThenSentInOrderOnReconnect()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            link.BrokerAvailable = false;
            sut.UseLocker(Fixtures.StaffCard);
            sut.UseLocker(Fixtures.AssignedCard);
            int publishedWhileDown = link.Published.Count;
            link.BrokerAvailable = true;
            sut.Run(70000);
            Assert.IsTrue(link.Published.Count > publishedWhileDown);
            Assert.AreEqual(sut.Controller.Journal.NewestSequence, Fixtures.LastEvent(link).Sequence);
        }

        [TestMethod]
        public void NewerConfigMessage_IsAppliedAndPersisted_OlderIgnored()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            string topic = Topics.For(Fixtures.School, Fixtures.Device, TopicKind.Config);
            link.Deliver(topic, Fixtures.SignedConfig(4));
            sut.Run(100);
            Assert.AreEqual(4L, sut.Controller.Config.Version);
            Assert.AreEqual(1L, Fixtures.CountPublished(link, EventType.ConfigApplied));
            Assert.AreEqual(4L, Fixtures.LastEvent(link).ConfigVersion);
            link.Deliver(topic, Fixtures.SignedConfig(3));
            sut.Run(100);
            Assert.AreEqual(4L, sut.Controller.Config.Version);

            sut.Boot();
            Assert.AreEqual(4L, sut.Controller.Config.Version);
        }

        [TestMethod]
        public void Reboot_KeepsOccupantsAndCountsBoots()
        {
            VirtualLocker sut = Fixtures.CreateLocker(new MemoryLink());
            int compartment = sut.UseLocker(Fixtures.StaffCard);
            long boots = sut.Controller.BootCount;
            sut.Boot();
            Assert.AreEqual(boots + 1, sut.Controller.BootCount);
            Assert.IsTrue(sut.Controller.GetCompartment(compartment).IsOccupied);
            Assert.AreEqual(compartment, sut.UseLocker(Fixtures.StaffCard));
            Assert.IsFalse(sut.Controller.GetCompartment(compartment).IsOccupied);
        }

        [TestMethod]
        public void PowerCutAfterDepositRecordLanded_BeforeOccupantsSaved_RebootKeepsThePhone()
        {
            VirtualLocker sut = Fixtures.CreateLocker(new MemoryLink());
            long newest = sut.Controller.Journal.NewestSequence;
            sut.Flash.CutPowerDuringNextWrite(JournalRecord.Size);
            Assert.IsTrue(UseUntilPowerCut(sut));
            sut.Boot();

            Assert.AreEqual(newest + 2, sut.Controller.Journal.NewestSequence);
            Assert.AreEqual(Fixtures.Credential(Fixtures.StaffCard), sut.Controller.GetCompartment(1).Occupant);
            Assert.AreEqual(1L, sut.UseLocker(Fixtures.StaffCard));
            Assert.IsFalse(sut.Controller.GetCompartment(1).IsOccupied);
        }

        [TestMethod]
        public void PowerCutTearingDepositRecord_RebootForgetsTheDepositEverywhere()
        {
            VirtualLocker sut = Fixtures.CreateLocker(new MemoryLink());
            long newest = sut.Controller.Journal.NewestSequence;
            sut.Flash.CutPowerDuringNextWrite(JournalRecord.Size - 1);
            Assert.IsTrue(UseUntilPowerCut(sut));
            sut.Boot();

            Assert.AreEqual(newest + 1, sut.Controller.Journal.NewestSequence);
            Assert.IsFalse(sut.Controller.GetCompartment(1).IsOccupied);
        }

        [TestMethod]
        public void PowerCutAfterRetrieveRecordLanded_BeforeOccupantsSaved_RebootKeepsItEmpty()
        {
            VirtualLocker sut = Fixtures.CreateLocker(new MemoryLink());
            Assert.AreEqual(1L, sut.UseLocker(Fixtures.StaffCard));
            sut.Run(3000);
            sut.Flash.CutPowerDuringNextWrite(JournalRecord.Size);
            Assert.IsTrue(UseUntilPowerCut(sut));
            sut.Boot();

            Assert.IsFalse(sut.Controller.GetCompartment(1).IsOccupied);
        }

        private static bool UseUntilPowerCut(VirtualLocker sut)
        {
            try
            {
                sut.UseLocker(Fixtures.StaffCard);
            }
            catch (PowerCutException)
            {
                return true;
            }

            return false;
        }
    }
}
