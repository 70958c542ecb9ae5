using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class ResultCodecTests
    {
        private static byte[] Signed(string fields)
        {
            return SignedMessage.Sign("{\"v\":1,\"m\":\"result\",\"dev\":\"" + Fixtures.Device + "\"," + fields + "}", Fixtures.Key(1));
        }

        [TestMethod]
        public void Refusal_RoundTrips()
        {
            byte[] payload = ResultCodec.Encode(Fixtures.Device, new CommandResult { Id = "c-9", Executed = false, Reason = "in-use" }, Fixtures.Key(1));
            Assert.IsTrue(ResultCodec.TryDecode(payload, Fixtures.Device, Fixtures.Key(1), out CommandResult result, out _));
            Assert.AreEqual("c-9", result.Id);
            Assert.IsFalse(result.Executed);
            Assert.AreEqual("in-use", result.Reason);
        }

        [TestMethod]
        public void OtherLockersKey_IsBadMac()
        {
            byte[] payload = ResultCodec.Encode(Fixtures.Device, new CommandResult { Id = "c-9", Executed = true, Reason = string.Empty }, Fixtures.Key(2));
            Assert.IsFalse(ResultCodec.TryDecode(payload, Fixtures.Device, Fixtures.Key(1), out _, out string reason));
            Assert.AreEqual(RejectReason.BadMac, reason);
        }

        [TestMethod]
        public void ExecutedWithReason_RefusalWithoutReason_OrFreeTextReason_AreBadFields()
        {
            string[] bodies = new string[]
            {
                "\"id\":\"c-1\",\"ok\":true,\"why\":\"expired\"",
                "\"id\":\"c-1\",\"ok\":false,\"why\":\"\"",
                "\"id\":\"c-1\",\"ok\":false,\"why\":\"Door Jammed!\"",
                "\"id\":\"C 1\",\"ok\":true,\"why\":\"\"",
                "\"id\":\"c-1\",\"ok\":1,\"why\":\"\"",
            };
            for (int i = 0; i < bodies.Length; i++)
            {
                Assert.IsFalse(ResultCodec.TryDecode(Signed(bodies[i]), Fixtures.Device, Fixtures.Key(1), out _, out string reason), bodies[i]);
                Assert.AreEqual(RejectReason.BadField, reason);
            }
        }
    }
}
