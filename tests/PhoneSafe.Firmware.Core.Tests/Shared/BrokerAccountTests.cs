using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class BrokerAccountTests
    {
        [TestMethod]
        public void Password_KnownKey_MatchesHmacComputedElsewhere()
        {
            // Python: hmac.new(bytes(range(32)), b"phonesafe/mqtt-password/v1", hashlib.sha256).hexdigest()
            byte[] key = new byte[32];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = (byte)i;
            }

            Assert.AreEqual("9b15f367eede5f3486b2b1656aa72bc9c814a3cd65feee99c261d8425a36ce71", BrokerAccount.Password(key));
        }

        [TestMethod]
        public void UserName_SchoolDotLocker()
        {
            Assert.AreEqual("hillside.lk-101", BrokerAccount.UserName("hillside", "lk-101"));
        }
    }
}
