using System;
using System.Text;
using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class EventCodecTests
    {
        private static LockerEvent Sample()
        {
            return new LockerEvent
            {
                Device = Fixtures.Device,
                Boot = 3,
                Sequence = 42,
                TimestampUtc = IsoTime.Utc(2026, 11, 25, 8, 1, 2),
                TimeSynchronized = true,
                UptimeMilliseconds = 123456,
                Type = EventType.Deposit,
                Compartment = 3,
                Credential = Fixtures.Credential(Fixtures.StaffCard),
                Subject = string.Empty,
            };
        }

        [TestMethod]
        public void Encode_ThenDecode_ReturnsSameEvent()
        {
            byte[] payload = EventCodec.Encode(Sample(), Fixtures.Key(1));
            Assert.IsTrue(EventCodec.TryDecode(payload, Fixtures.Device, Fixtures.Key(1), out LockerEvent decoded, out string reason), reason);
            Assert.AreEqual(42L, decoded.Sequence);
            Assert.AreEqual(3L, decoded.Boot);
            Assert.AreEqual("2026-11-25T08:01:02Z", IsoTime.Format(decoded.TimestampUtc));
            Assert.AreEqual(EventType.Deposit, decoded.Type);
            Assert.AreEqual(3L, decoded.Compartment);
            Assert.AreEqual(Fixtures.Credential(Fixtures.StaffCard), decoded.Credential);
            Assert.AreEqual(123456L, decoded.UptimeMilliseconds);
        }

        [TestMethod]
        public void TryDecode_AnyByteChanged_IsRefused()
        {
            byte[] payload = EventCodec.Encode(Sample(), Fixtures.Key(1));
            for (int i = 0; i < payload.Length; i++)
            {
                byte[] copy = (byte[])payload.Clone();
                copy[i] = (byte)(copy[i] ^ 0x01);
                Assert.IsFalse(EventCodec.TryDecode(copy, Fixtures.Device, Fixtures.Key(1), out _, out string reason), "byte " + i.ToString());
                Assert.IsNotNull(reason);
            }
        }

        [TestMethod]
        public void TryDecode_WrongKeyOrDevice_GivesReason()
        {
            byte[] payload = EventCodec.Encode(Sample(), Fixtures.Key(1));
            EventCodec.TryDecode(payload, Fixtures.Device, Fixtures.Key(9), out _, out string wrongKey);
            Assert.AreEqual(RejectReason.BadMac, wrongKey);
            EventCodec.TryDecode(payload, "lk-other", Fixtures.Key(1), out _, out string wrongDevice);
            Assert.AreEqual(RejectReason.DeviceMismatch, wrongDevice);
        }

        [TestMethod]
        public void TryDecode_OversizedOrGarbage_GivesReason()
        {
            EventCodec.TryDecode(new byte[ProtocolVersion.MaxEventBytes + 1], Fixtures.Device, Fixtures.Key(1), out _, out string oversized);
            Assert.AreEqual(RejectReason.Oversized, oversized);
            EventCodec.TryDecode(Encoding.UTF8.GetBytes("not json"), Fixtures.Device, Fixtures.Key(1), out _, out string garbage);
            Assert.AreEqual(RejectReason.Malformed, garbage);
        }

        [TestMethod]
        public void TryDecode_UnknownTypeWithValidTag_ReturnsEventAndReason()
        {
            LockerEvent sample = Sample();
            sample.Type = "teleported";
            byte[] payload = EventCodec.Encode(sample, Fixtures.Key(1));
            Assert.IsFalse(EventCodec.TryDecode(payload, Fixtures.Device, Fixtures.Key(1), out LockerEvent decoded, out string reason));
            Assert.AreEqual(RejectReason.UnknownType, reason);
            Assert.AreEqual("teleported", decoded.Type);
        }

        [TestMethod]
        public void AckAndCommand_RoundTrip_AndCannotBeSwapped()
        {
            byte[] ack = AckCodec.Encode(Fixtures.Device, 17, Fixtures.Key(1));
            Assert.IsTrue(AckCodec.TryDecode(ack, Fixtures.Device, Fixtures.Key(1), out long sequence, out _));
            Assert.AreEqual(17L, sequence);

            LockerCommand command = new LockerCommand { Id = "c-1", Name = CommandName.Unlock, Compartment = 2, Credential = string.Empty, Subject = string.Empty, ExpiresUtc = IsoTime.Utc(2026, 11, 25, 9, 0, 0) };
            byte[] signed = CommandCodec.Encode(Fixtures.Device, command, Fixtures.Key(1));
            Assert.IsTrue(CommandCodec.TryDecode(signed, Fixtures.Device, Fixtures.Key(1), out LockerCommand decoded, out _));
            Assert.AreEqual(CommandName.Unlock, decoded.Name);

            // A signed event replayed on the ack topic must not acknowledge anything.
            byte[] eventPayload = EventCodec.Encode(Sample(), Fixtures.Key(1));
            AckCodec.TryDecode(eventPayload, Fixtures.Device, Fixtures.Key(1), out _, out string reason);
            Assert.AreEqual(RejectReason.WrongKind, reason);
        }

        [TestMethod]
        public void ConfigCodec_RoundTrip_KeepsAllowListAndWindows()
        {
            byte[] signed = Fixtures.SignedConfig(5);
            Assert.IsTrue(ConfigCodec.TryDecode(signed, Fixtures.Device, Fixtures.Key(1), out LockerConfig config, out string reason), reason);
            Assert.AreEqual(5L, config.Version);
            Assert.AreEqual(5L, config.Allow.Count);
            Assert.AreEqual(Roles.Office, ((AllowEntry)config.Allow[2]).Role);
            Assert.AreEqual(2L, ((AllowEntry)config.Allow[1]).Compartment);
        }
    }
}
