using System.IO;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// Firmware image slots and the boot record on the internal flash drive: "slot-a.img" and "slot-b.img" in their own
    /// folder, and the boot record kept like a setting (<see cref="FileSettingsStore"/>: written in full to a temp file,
    /// then renamed, so a power cut leaves the old or the new record). The journal and settings folders are never touched.
    /// </summary>
    public sealed class FileFirmwareStorage : IFirmwareStorage
    {
        private const string BootRecordName = "boot";

        private readonly string _directory;
        private readonly FileSettingsStore _records;

        /// <summary>
        /// Initializes a new instance of the <see cref="FileFirmwareStorage"/> class and creates its folder when missing.
        /// </summary>
        /// <param name="directory">The folder, ending with a backslash, for example I:\fw\.</param>
        public FileFirmwareStorage(string directory)
        {
            _directory = directory;
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
            }

            _records = new FileSettingsStore(directory);
        }

        /// <summary>
        /// Gets the length of a slot's image.
        /// </summary>
        /// <param name="slot">"a" or "b".</param>
        /// <returns>Its length in bytes, 0 when the slot is empty.</returns>
        public int Length(string slot)
        {
            string path = PathOf(slot);
            if (!File.Exists(path))
            {
                return 0;
            }

            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return (int)file.Length;
            }
        }

        /// <inheritdoc/>
        public void Clear(string slot)
        {
            File.Delete(PathOf(slot));
        }

        /// <inheritdoc/>
        public void Write(string slot, int offset, byte[] data)
        {
            using (FileStream file = new FileStream(PathOf(slot), FileMode.OpenOrCreate, FileAccess.Write))
            {
                file.Seek(offset, SeekOrigin.Begin);
                file.Write(data, 0, data.Length);
                file.Flush();
            }
        }

        /// <inheritdoc/>
        public int Read(string slot, int offset, byte[] buffer, int count)
        {
            string path = PathOf(slot);
            if (!File.Exists(path))
            {
                return 0;
            }

            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                if (offset >= file.Length)
                {
                    return 0;
                }

                file.Seek(offset, SeekOrigin.Begin);
                int total = 0;
                while (total < count)
                {
                    int read = file.Read(buffer, total, count - total);
                    if (read <= 0)
                    {
                        break;
                    }

                    total += read;
                }

                return total;
            }
        }

        /// <inheritdoc/>
        public byte[] ReadBootRecord()
        {
            return _records.Read(BootRecordName);
        }

        /// <inheritdoc/>
        public void WriteBootRecord(byte[] record)
        {
            _records.Write(BootRecordName, record);
        }

        private string PathOf(string slot)
        {
            return _directory + "slot-" + slot + ".img";
        }
    }
}
