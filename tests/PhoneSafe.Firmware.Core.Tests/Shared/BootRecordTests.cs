using nanoFramework.TestFramework;
using PhoneSafe.Firmware.Core.Update;

namespace PhoneSafe.Firmware.Core.Tests.Shared
{
    [TestClass]
    public class BootRecordTests
    {
        [TestMethod]
        public void NoRecord_StartsTheDeployedApplication()
        {
            Assert.AreEqual(string.Empty, BootRecord.Decode(null).BeginBoot());
        }

        [TestMethod]
        public void TrialThatKeepsCrashing_IsStartedThreeTimes_ThenTheLoaderGoesBack()
        {
            BootRecord record = new BootRecord { Active = "a", ActiveVersion = "1.0.0", Trial = "b", TrialVersion = "1.1.0" };
            for (int boot = 1; boot <= BootRecord.MaxTrialBoots; boot++)
            {
                record = BootRecord.Decode(record.Encode());
                Assert.AreEqual("b", record.BeginBoot(), "boot " + boot.ToString());
            }

            record = BootRecord.Decode(record.Encode());
            Assert.AreEqual("a", record.BeginBoot());
            Assert.AreEqual("1.1.0", record.RolledBack);
            Assert.AreEqual(string.Empty, record.Trial);
        }

        [TestMethod]
        public void Confirm_MakesTheTrialTheActiveSlot()
        {
            BootRecord record = new BootRecord { Trial = "a", TrialVersion = "1.1.0", TrialBoots = 1 };
            record.Confirm();
            record = BootRecord.Decode(record.Encode());
            Assert.AreEqual("a", record.BeginBoot());
            Assert.AreEqual("1.1.0", record.ActiveVersion);
        }
    }
}
