using System;
using System.IO;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// Named values kept as small files on the internal flash drive. Each file holds a 4-byte little-endian
    /// length followed by the data, so a torn write is detected.
    /// </summary>
    /// <remarks>
    /// nanoFramework File.Move refuses to overwrite, so a write goes: write "name.tmp" in full, delete
    /// "name.set", rename the temp file. A power cut leaves either the old file, or no file and a complete
    /// temp file, which <see cref="Read"/> promotes.
    /// </remarks>
    public sealed class FileSettingsStore : ISettingsStore
    {
        private const int HeaderBytes = 4;

        private readonly string _directory;
        private readonly object _sync = new object();

        /// <summary>
        /// Initializes a new instance of the <see cref="FileSettingsStore"/> class.
        /// </summary>
        /// <param name="directory">The folder for the files, ending with a backslash, for example I:\.</param>
        public FileSettingsStore(string directory)
        {
            if (string.IsNullOrEmpty(directory))
            {
                throw new ArgumentNullException(nameof(directory));
            }

            _directory = directory;
        }

        /// <summary>
        /// Reads a value.
        /// </summary>
        /// <param name="name">Value name, ASCII letters and digits.</param>
        /// <returns>The stored bytes, or null when the value was never written.</returns>
        public byte[] Read(string name)
        {
            string path = PathOf(name);
            string temp = TempPathOf(name);
            lock (_sync)
            {
                byte[] data = TryLoad(path);
                if (data != null)
                {
                    return data;
                }

                data = TryLoad(temp);
                if (data != null && !File.Exists(path))
                {
                    File.Move(temp, path);
                }

                return data;
            }
        }

        /// <summary>
        /// Replaces a value: after a power cut either the old or the new bytes are read.
        /// </summary>
        /// <param name="name">Value name, ASCII letters and digits.</param>
        /// <param name="data">The bytes to store.</param>
        public void Write(string name, byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            string path = PathOf(name);
            string temp = TempPathOf(name);
            byte[] header = new byte[HeaderBytes];
            header[0] = (byte)data.Length;
            header[1] = (byte)(data.Length >> 8);
            header[2] = (byte)(data.Length >> 16);
            header[3] = (byte)(data.Length >> 24);

            lock (_sync)
            {
                File.Delete(temp);
                using (FileStream file = new FileStream(temp, FileMode.Create, FileAccess.Write))
                {
                    file.Write(header, 0, HeaderBytes);
                    file.Write(data, 0, data.Length);
                    file.Flush();
                }

                File.Delete(path);
                File.Move(temp, path);
            }
        }

        private static byte[] TryLoad(string path)
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                long length = file.Length;
                if (length < HeaderBytes)
                {
                    return null;
                }

                byte[] header = new byte[HeaderBytes];
                if (!ReadFully(file, header))
                {
                    return null;
                }

                int size = header[0] | (header[1] << 8) | (header[2] << 16) | (header[3] << 24);
                if (size < 0 || length != HeaderBytes + size)
                {
                    return null;
                }

                byte[] data = new byte[size];
                return ReadFully(file, data) ? data : null;
            }
        }

        private static bool ReadFully(FileStream file, byte[] buffer)
        {
            int done = 0;
            while (done < buffer.Length)
            {
                int read = file.Read(buffer, done, buffer.Length - done);
                if (read <= 0)
                {
                    return false;
                }

                done += read;
            }

            return true;
        }

        private static void CheckName(string name)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 24)
            {
                throw new ArgumentException("Setting names are 1 to 24 letters or digits.", nameof(name));
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!ok)
                {
                    throw new ArgumentException("Setting names are 1 to 24 letters or digits.", nameof(name));
                }
            }
        }

        private string PathOf(string name)
        {
            CheckName(name);
            return _directory + name + ".set";
        }

        private string TempPathOf(string name)
        {
            CheckName(name);
            return _directory + name + ".tmp";
        }
    }
}
