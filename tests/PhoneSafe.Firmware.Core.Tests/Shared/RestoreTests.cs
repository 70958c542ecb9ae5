using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class RestoreTests
    {
        // A provisioned controller, new in an existing cabinet: no occupancy of its own.
        private static VirtualLocker CreateSut(MemoryLink link)
        {
            LockerSettings settings = Fixtures.Settings();
            settings.RecoversOccupancy = true;
            VirtualLocker locker = new VirtualLocker(settings, 4, link, 64 * 64);
            locker.Store.Write(LockerController.ConfigSetting, Fixtures.SignedConfig(1));
            locker.Boot();
            locker.Clock.Synchronize(Fixtures.SyncedUtc);
            locker.Run(VirtualLocker.TickMilliseconds);
            return locker;
        }

        private static void DeliverRestore(VirtualLocker locker, MemoryLink link, byte[] payload)
        {
            link.Deliver(Topics.For(Fixtures.School, Fixtures.Device, TopicKind.Restore), payload);
            locker.Run(VirtualLocker.TickMilliseconds);
        }

        private static byte[] Restore(int compartment, string occupant, byte[] key)
        {
            string[] occupants = new string[4];
            occupants[compartment - 1] = occupant;
            return RestoreCodec.Encode(Fixtures.Device, occupants, key);
        }

        [TestMethod]
        public void NewController_UnlocksNothing_UntilTheGatewaysRestore_ThenTheOwnersTapRetrievesThePhone()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            string owner = Fixtures.Credential(Fixtures.StaffCard);
            Assert.IsTrue(sut.Controller.AwaitingRestore);

            sut.Tap(Fixtures.StaffCard);
            Fixtures.Deliver(sut, link, Fixtures.SignedCommand("r-1", CommandName.Unlock, 1, string.Empty, string.Empty, Fixtures.SyncedUtc.AddMinutes(5)));
            Assert.AreEqual(0L, sut.Compartments.UnlockCount);
            Assert.AreEqual(CommandRefusal.AwaitingRestore, Fixtures.LastResult(link).Reason);

            DeliverRestore(sut, link, Restore(3, owner, Fixtures.Key(1)));
            Assert.IsFalse(sut.Controller.AwaitingRestore);
            Assert.AreEqual(1, Fixtures.CountPublished(link, EventType.StateRestored));
            Assert.AreEqual(owner, sut.Controller.GetCompartment(3).Occupant);

            sut.Run(LockerController.RepeatTapMilliseconds);
            Assert.AreEqual(3L, sut.UseLocker(Fixtures.StaffCard));
            Assert.AreEqual(owner, Fixtures.LastPublished(link, EventType.Retrieve).Credential);
            sut.Boot();
            Assert.IsFalse(sut.Controller.AwaitingRestore, "occupancy is its own after a restart");
        }

        [TestMethod]
        public void ForgedRestore_IsRefused_AndTheControllerKeepsWaiting()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            DeliverRestore(sut, link, Restore(1, Fixtures.Credential(Fixtures.StaffCard), Fixtures.Key(9)));
            Assert.IsTrue(sut.Controller.AwaitingRestore);
            Assert.AreEqual(0, Fixtures.CountPublished(link, EventType.StateRestored));
        }

        [TestMethod]
        public void NoRestoreInTime_RecordsRestoreMissed_AndGoesOnWithEveryCompartmentEmpty()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            sut.Run(LockerController.RestoreTimeoutMilliseconds);
            Assert.IsFalse(sut.Controller.AwaitingRestore);
            Assert.AreEqual(1, Fixtures.CountPublished(link, EventType.RestoreMissed));
            Assert.AreEqual(1L, sut.UseLocker(Fixtures.StaffCard));
        }

        [TestMethod]
        public void ControllerWithOccupancyOfItsOwn_IgnoresARestore()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = CreateSut(link);
            DeliverRestore(sut, link, Restore(2, Fixtures.Credential(Fixtures.OfficeCard), Fixtures.Key(1)));
            DeliverRestore(sut, link, Restore(4, Fixtures.Credential(Fixtures.StaffCard), Fixtures.Key(1)));
            Assert.AreEqual(string.Empty, sut.Controller.GetCompartment(4).Occupant);
            Assert.AreEqual(1, Fixtures.CountPublished(link, EventType.StateRestored));
        }
    }
}
