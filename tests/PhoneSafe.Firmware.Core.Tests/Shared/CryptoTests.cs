using System.Text;
using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class CryptoTests
    {
        [TestMethod]
        public void Sha256_Fips180Examples_MatchPublishedDigests()
        {
            // FIPS 180-4 examples (one block, two blocks) and the empty message.
            Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex.Encode(Sha256.Hash(Encoding.UTF8.GetBytes("abc"))));
            Assert.AreEqual("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", Hex.Encode(Sha256.Hash(Encoding.UTF8.GetBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))));
            Assert.AreEqual("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex.Encode(Sha256.Hash(new byte[0])));
        }

        [TestMethod]
        public void HmacSha256_Rfc4231Cases_MatchPublishedTags()
        {
            // RFC 4231 test case 2 (short key) and 6 (key longer than a block).
            Assert.AreEqual(
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Hex.Encode(HmacSha256.Compute(Encoding.UTF8.GetBytes("Jefe"), Encoding.UTF8.GetBytes("what do ya want for nothing?"))));
            byte[] longKey = new byte[131];
            for (int i = 0; i < longKey.Length; i++)
            {
                longKey[i] = 0xaa;
            }

            Assert.AreEqual(
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                Hex.Encode(HmacSha256.Compute(longKey, Encoding.UTF8.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First"))));
        }

        [TestMethod]
        public void FixedTimeEquals_DifferentLastByte_ReturnsFalse()
        {
            Assert.IsTrue(HmacSha256.FixedTimeEquals(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 3 }));
            Assert.IsFalse(HmacSha256.FixedTimeEquals(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 4 }));
            Assert.IsFalse(HmacSha256.FixedTimeEquals(new byte[] { 1, 2 }, new byte[] { 1, 2, 3 }));
        }
    }
}
