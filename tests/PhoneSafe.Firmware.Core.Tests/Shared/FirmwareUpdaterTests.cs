using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Update;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class FirmwareUpdaterTests
    {
        private const string Version = "1.1.0";

        private static byte[] Image(int size)
        {
            byte[] app = new byte[size];
            for (int i = 0; i < app.Length; i++)
            {
                app[i] = (byte)(i * 7);
            }

            return FirmwareImage.Pack(new string[] { "PhoneSafe.Firmware.Esp32.pe" }, new byte[][] { app });
        }

        private static byte[] Manifest(byte[] image, string sha)
        {
            UpdateManifest manifest = new UpdateManifest
            {
                Version = Version,
                SizeBytes = image.Length,
                Chunks = UpdateCodec.ChunkCount(image.Length),
                Sha256 = sha,
            };
            return UpdateCodec.EncodeManifest(Fixtures.Device, manifest, Fixtures.Key(1));
        }

        private static void Send(VirtualLocker locker, MemoryLink link, byte[] payload)
        {
            link.Deliver(Topics.For(Fixtures.School, Fixtures.Device, TopicKind.Update), payload);
            locker.Run(VirtualLocker.TickMilliseconds);
        }

        private static void SendAll(VirtualLocker locker, MemoryLink link, byte[] image)
        {
            Send(locker, link, Manifest(image, Hex.Encode(Sha256.Hash(image))));
            for (int i = 0; i < UpdateCodec.ChunkCount(image.Length); i++)
            {
                Send(locker, link, UpdateCodec.EncodeChunk(Fixtures.Device, Version, i, image, Fixtures.Key(1)));
            }

            // The restart, and the first pass of the new version (it connects and reports).
            locker.Run(VirtualLocker.TickMilliseconds * 2);
        }

        private static UpdateProgress LastProgress(MemoryLink link)
        {
            UpdateProgress last = null;
            for (int i = 0; i < link.Published.Count; i++)
            {
                PublishedMessage message = (PublishedMessage)link.Published[i];
                if (message.Topic == Topics.For(Fixtures.School, Fixtures.Device, TopicKind.Progress))
                {
                    Assert.IsTrue(ProgressCodec.TryDecode(message.Payload, Fixtures.Device, Fixtures.Key(1), out last, out _));
                }
            }

            return last;
        }

        [TestMethod]
        public void CompleteImage_IsStartedOnTrial_AndKeptOnceConfirmed()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker locker = Fixtures.CreateLocker(link);
            byte[] image = Image(5000);

            SendAll(locker, link, image);

            Assert.IsTrue(locker.Controller.Updater.IsOnTrial, "restarted into the new version");
            Assert.AreEqual(Version, locker.Controller.Updater.RunningVersion);
            Assert.AreEqual(UpdateState.Trial, LastProgress(link).State);
            Assert.AreEqual(Hex.Encode(image), Hex.Encode(locker.Firmware.Image("a")));

            Send(locker, link, UpdateCodec.EncodeConfirm(Fixtures.Device, Version, Fixtures.Key(1)));
            Assert.AreEqual(UpdateState.Confirmed, LastProgress(link).State);
            locker.Boot();
            Assert.IsFalse(locker.Controller.Updater.IsOnTrial);
            Assert.AreEqual(Version, locker.Controller.Updater.RunningVersion);
        }

        [TestMethod]
        public void ChunkSignedWithAnotherKey_IsRefused_AndNothingIsWritten()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker locker = Fixtures.CreateLocker(link);
            byte[] image = Image(3000);
            Send(locker, link, Manifest(image, Hex.Encode(Sha256.Hash(image))));
            long rejected = locker.Controller.Uplink.RejectedMessages;

            Send(locker, link, UpdateCodec.EncodeChunk(Fixtures.Device, Version, 0, image, Fixtures.Key(2)));

            Assert.AreEqual(rejected + 1, locker.Controller.Uplink.RejectedMessages);
            Assert.AreEqual(0, locker.Controller.Updater.Progress.Next);
            Assert.AreEqual(0, locker.Firmware.Image("a").Length);
        }

        [TestMethod]
        public void ChunkOutOfOrder_IsIgnored_TheNextWantedStaysTheSame()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker locker = Fixtures.CreateLocker(link);
            byte[] image = Image(5000);
            Send(locker, link, Manifest(image, Hex.Encode(Sha256.Hash(image))));

            Send(locker, link, UpdateCodec.EncodeChunk(Fixtures.Device, Version, 1, image, Fixtures.Key(1)));

            Assert.AreEqual(0, locker.Controller.Updater.Progress.Next);
        }

        [TestMethod]
        public void WrongHash_IsReportedFailed_AndTheUnitKeepsRunningItsVersion()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker locker = Fixtures.CreateLocker(link);
            byte[] image = Image(3000);
            Send(locker, link, Manifest(image, Hex.Encode(Sha256.Hash(new byte[] { 1 }))));
            for (int i = 0; i < UpdateCodec.ChunkCount(image.Length); i++)
            {
                Send(locker, link, UpdateCodec.EncodeChunk(Fixtures.Device, Version, i, image, Fixtures.Key(1)));
            }

            UpdateProgress progress = LastProgress(link);
            Assert.AreEqual(UpdateState.Failed, progress.State);
            Assert.AreEqual(UpdateState.BadHash, progress.Reason);
            Assert.AreEqual(FirmwareUpdater.BuildVersion, locker.Controller.Updater.RunningVersion);
            Assert.IsFalse(locker.Controller.Updater.IsOnTrial);
        }

        [TestMethod]
        public void TrialNotConfirmedInTime_IsRolledBack()
        {
            MemoryLink link = new MemoryLink();
            VirtualLocker locker = Fixtures.CreateLocker(link);
            SendAll(locker, link, Image(3000));
            Assert.IsTrue(locker.Controller.Updater.IsOnTrial);

            locker.Run(FirmwareUpdater.TrialMilliseconds + VirtualLocker.TickMilliseconds);

            Assert.AreEqual(FirmwareUpdater.BuildVersion, locker.Controller.Updater.RunningVersion);
            UpdateProgress progress = LastProgress(link);
            Assert.AreEqual(UpdateState.RolledBack, progress.State);
            Assert.AreEqual(Version, progress.Target);
        }
    }
}
