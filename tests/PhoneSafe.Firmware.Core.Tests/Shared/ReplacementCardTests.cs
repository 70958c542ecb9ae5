using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class ReplacementCardTests
    {
        private static readonly byte[] s_replacementCard = new byte[] { 0x04, 0x77, 0x66, 0x55 };

        private static byte[] ConfigWithReplacement(long version, byte[] lost, byte[] replacement, string role)
        {
            LockerConfig config = new LockerConfig { Version = version, UnlockSeconds = 10, LeftOpenSeconds = 60 };
            config.Allow.Add(new AllowEntry { Credential = Fixtures.Credential(replacement), Role = role, Previous = Fixtures.Credential(lost) });
            config.Allow.Add(new AllowEntry { Credential = Fixtures.Credential(Fixtures.OfficeCard), Role = Roles.Office });
            return ConfigCodec.Encode(Fixtures.Device, config, Fixtures.Key(1));
        }

        private static void Configure(VirtualLocker locker, MemoryLink link, byte[] config)
        {
            link.Deliver(Topics.For(Fixtures.School, Fixtures.Device, TopicKind.Config), config);
            locker.Run(VirtualLocker.TickMilliseconds);
        }

        [TestMethod]
        public void ReplacementStaffCard_OpensCompartmentHoldingPhoneDepositedWithLostCard_AndLostCardIsDenied()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            Assert.AreEqual(1L, sut.UseLocker(Fixtures.StaffCard));
            sut.Run(3000);
            Configure(sut, link, ConfigWithReplacement(2, Fixtures.StaffCard, s_replacementCard, Roles.Staff));

            sut.Tap(Fixtures.StaffCard);
            Assert.AreEqual(Fixtures.Credential(Fixtures.StaffCard), Fixtures.LastPublished(link, EventType.BadgeDenied).Credential);
            sut.Run(3000);

            Assert.AreEqual(1L, sut.UseLocker(s_replacementCard));
            LockerEvent retrieve = Fixtures.LastPublished(link, EventType.Retrieve);
            Assert.AreEqual(Fixtures.Credential(s_replacementCard), retrieve.Credential);
            Assert.IsFalse(sut.Controller.GetCompartment(1).IsOccupied);
        }

        [TestMethod]
        public void ReplacementPupilCard_AtOfficeUnit_ReleasesPhoneTakenInWithLostCard()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker sut = Fixtures.CreateLocker(link);
            sut.Tap(Fixtures.OfficeCard);
            sut.Tap(Fixtures.PupilCard);
            sut.Compartments.TryOpen(1);
            sut.Run(100);
            sut.Compartments.Close(1);
            sut.Run(3000);
            Assert.AreEqual(Fixtures.Credential(Fixtures.PupilCard), sut.Controller.GetCompartment(1).Occupant);
            Configure(sut, link, ConfigWithReplacement(2, Fixtures.PupilCard, s_replacementCard, Roles.Pupil));

            sut.Tap(Fixtures.OfficeCard);
            sut.Tap(s_replacementCard);
            Assert.IsTrue(sut.Compartments.IsUnlocked(1));
            sut.Compartments.TryOpen(1);
            sut.Run(100);
            sut.Compartments.Close(1);
            sut.Run(100);

            Assert.AreEqual(Fixtures.Credential(Fixtures.PupilCard), Fixtures.LastPublished(link, EventType.Retrieve).Subject);
            Assert.IsFalse(sut.Controller.GetCompartment(1).IsOccupied);
        }

        [TestMethod]
        public void ConfigCodec_PreviousCard_RoundTrips_AndIsLeftOutWhenEmpty()
        {
            Assert.IsTrue(ConfigCodec.TryDecode(ConfigWithReplacement(3, Fixtures.StaffCard, s_replacementCard, Roles.Staff), Fixtures.Device, Fixtures.Key(1), out LockerConfig config, out _));
            Assert.AreEqual(Fixtures.Credential(Fixtures.StaffCard), ((AllowEntry)config.Allow[0]).Previous);
            Assert.AreEqual(string.Empty, ((AllowEntry)config.Allow[1]).Previous);
            string json = System.Text.Encoding.UTF8.GetString(Fixtures.SignedConfig(1), 0, Fixtures.SignedConfig(1).Length);
            Assert.AreEqual(-1, json.IndexOf("\"p\":"));
        }

        [TestMethod]
        public void ConfigCodec_PreviousCardThatIsNotAHash_IsRefused()
        {
            string body = "{\"v\":1,\"m\":\"config\",\"dev\":\"" + Fixtures.Device + "\",\"ver\":1,\"unlock\":10,\"leftOpen\":60,\"utcOffset\":0,\"contact\":[],"
                + "\"allow\":[{\"c\":\"" + Fixtures.Credential(s_replacementCard) + "\",\"r\":\"staff\",\"cmp\":0,\"p\":\"04a1b2c3\"}]}";
            Assert.IsFalse(ConfigCodec.TryDecode(SignedMessage.Sign(body, Fixtures.Key(1)), Fixtures.Device, Fixtures.Key(1), out _, out string reason));
            Assert.AreEqual(RejectReason.BadField, reason);
        }
    }
}
