using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class UpdateCodecTests
    {
        private static byte[] Signed(string fields)
        {
            return SignedMessage.Sign("{\"v\":1,\"m\":\"update\",\"dev\":\"" + Fixtures.Device + "\"," + fields + "}", Fixtures.Key(1));
        }

        [TestMethod]
        public void Chunk_RoundTrips()
        {
            byte[] image = new byte[UpdateCodec.ChunkBytes + 10];
            image[UpdateCodec.ChunkBytes] = 42;
            byte[] payload = UpdateCodec.EncodeChunk(Fixtures.Device, "1.2.0", 1, image, Fixtures.Key(1));
            Assert.IsTrue(UpdateCodec.TryDecode(payload, Fixtures.Device, Fixtures.Key(1), out UpdateMessage message, out _));
            Assert.AreEqual(UpdateCodec.Chunk, message.Action);
            Assert.AreEqual(1, message.Index);
            Assert.AreEqual(10, message.Data.Length);
            Assert.AreEqual((byte)42, message.Data[0]);
        }

        [TestMethod]
        public void ManifestWhoseChunkCountDoesNotFitItsSize_OrBadVersionOrHash_AreBadFields()
        {
            string sha = new string('a', 64);
            string[] bodies = new string[]
            {
                "\"do\":\"manifest\",\"fw\":\"1.2.0\",\"size\":5000,\"chunks\":2,\"sha\":\"" + sha + "\"",
                "\"do\":\"manifest\",\"fw\":\"1.2.0 beta\",\"size\":5000,\"chunks\":3,\"sha\":\"" + sha + "\"",
                "\"do\":\"manifest\",\"fw\":\"1.2.0\",\"size\":5000,\"chunks\":3,\"sha\":\"xyz\"",
                "\"do\":\"manifest\",\"fw\":\"1.2.0\",\"size\":9999999,\"chunks\":4883,\"sha\":\"" + sha + "\"",
                "\"do\":\"reboot\",\"fw\":\"1.2.0\"",
            };
            for (int i = 0; i < bodies.Length; i++)
            {
                Assert.IsFalse(UpdateCodec.TryDecode(Signed(bodies[i]), Fixtures.Device, Fixtures.Key(1), out _, out string reason), bodies[i]);
                Assert.AreEqual(RejectReason.BadField, reason);
            }

            string valid = "\"do\":\"manifest\",\"fw\":\"1.2.0\",\"size\":5000,\"chunks\":3,\"sha\":\"" + sha + "\"";
            Assert.IsTrue(UpdateCodec.TryDecode(Signed(valid), Fixtures.Device, Fixtures.Key(1), out _, out _));
        }

        [TestMethod]
        public void ImageHeader_GivesEachAssembly_AndAnImageOfAnotherLengthIsRefused()
        {
            byte[] image = FirmwareImage.Pack(new string[] { "A.pe", "B.pe" }, new byte[][] { new byte[] { 1, 2, 3 }, new byte[] { 4 } });
            Assert.IsTrue(FirmwareImage.TryReadHeader(image, image.Length, image.Length, out string[] names, out int[] offsets, out int[] sizes));
            Assert.AreEqual("B.pe", names[1]);
            Assert.AreEqual((byte)4, image[offsets[1]]);
            Assert.AreEqual(3, sizes[0]);
            Assert.IsFalse(FirmwareImage.TryReadHeader(image, image.Length, image.Length + 1, out _, out _, out _));
            Assert.IsFalse(FirmwareImage.TryReadHeader(image, 6, image.Length, out _, out _, out _));
        }
    }
}
