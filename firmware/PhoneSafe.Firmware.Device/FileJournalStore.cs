using System;
using System.IO;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// Journal segments as files "&lt;number&gt;.seg" in one folder of the internal flash drive (I:\, LittleFS on the ESP32).
    /// Files are only appended to and deleted whole, never rewritten in place (see firmware/README.md, flash endurance).
    /// </summary>
    /// <remarks>
    /// nanoFramework's LittleFS driver flushes on every FileStream.Write, so an append is on flash when Append returns.
    /// </remarks>
    public sealed class FileJournalStore : IJournalStore
    {
        private const string Extension = ".seg";

        private readonly string _directory;
        private readonly object _sync = new object();

        /// <summary>
        /// Initializes a new instance of the <see cref="FileJournalStore"/> class, creating the folder if needed.
        /// </summary>
        /// <param name="directory">The folder, ending with a backslash, for example I:\journal\.</param>
        /// <param name="segmentBytes">Bytes per segment file (a multiple of 64; 4096 is one flash block).</param>
        /// <param name="maxSegments">How many segment files may exist at once (2 or more).</param>
        public FileJournalStore(string directory, int segmentBytes, int maxSegments)
        {
            if (string.IsNullOrEmpty(directory))
            {
                throw new ArgumentNullException(nameof(directory));
            }

            if (segmentBytes <= 0 || maxSegments < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(maxSegments));
            }

            _directory = directory;
            SegmentBytes = segmentBytes;
            MaxSegments = maxSegments;
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        /// <summary>Gets the size of one full segment in bytes.</summary>
        public int SegmentBytes { get; }

        /// <summary>Gets how many segments may exist at once.</summary>
        public int MaxSegments { get; }

        /// <summary>
        /// Lists the segment files; other files in the folder are ignored.
        /// </summary>
        /// <returns>Their numbers, in any order.</returns>
        public int[] ListSegments()
        {
            string[] files;
            lock (_sync)
            {
                files = Directory.GetFiles(_directory);
            }

            int[] numbers = new int[files.Length];
            int count = 0;
            for (int i = 0; i < files.Length; i++)
            {
                if (TryParseNumber(files[i], out int number))
                {
                    numbers[count++] = number;
                }
            }

            int[] result = new int[count];
            Array.Copy(numbers, result, count);
            return result;
        }

        /// <summary>
        /// Gets the length of a segment file.
        /// </summary>
        /// <param name="segment">The segment number.</param>
        /// <returns>Its length in bytes, 0 when it does not exist.</returns>
        public int Length(int segment)
        {
            string path = PathOf(segment);
            lock (_sync)
            {
                if (!File.Exists(path))
                {
                    return 0;
                }

                using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    return (int)file.Length;
                }
            }
        }

        /// <summary>
        /// Reads bytes from a segment file.
        /// </summary>
        /// <param name="segment">The segment number.</param>
        /// <param name="position">Byte offset in the file.</param>
        /// <param name="buffer">Destination buffer.</param>
        /// <param name="offset">Offset in <paramref name="buffer"/>.</param>
        /// <param name="count">Number of bytes to read.</param>
        public void Read(int segment, int position, byte[] buffer, int offset, int count)
        {
            lock (_sync)
            {
                using (FileStream file = new FileStream(PathOf(segment), FileMode.Open, FileAccess.Read))
                {
                    file.Seek(position, SeekOrigin.Begin);
                    int done = 0;
                    while (done < count)
                    {
                        int read = file.Read(buffer, offset + done, count - done);
                        if (read <= 0)
                        {
                            throw new IOException("Journal segment is shorter than expected.");
                        }

                        done += read;
                    }
                }
            }
        }

        /// <summary>
        /// Appends bytes to a segment file, creating it when it does not exist.
        /// </summary>
        /// <param name="segment">The segment number.</param>
        /// <param name="buffer">Source buffer.</param>
        /// <param name="offset">Offset in <paramref name="buffer"/>.</param>
        /// <param name="count">Number of bytes to append.</param>
        public void Append(int segment, byte[] buffer, int offset, int count)
        {
            lock (_sync)
            {
                using (FileStream file = new FileStream(PathOf(segment), FileMode.Append, FileAccess.Write))
                {
                    file.Write(buffer, offset, count);
                }
            }
        }

        /// <summary>
        /// Deletes a segment file; nothing happens when it does not exist.
        /// </summary>
        /// <param name="segment">The segment number.</param>
        public void Delete(int segment)
        {
            string path = PathOf(segment);
            lock (_sync)
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
        }

        private static bool TryParseNumber(string path, out int number)
        {
            number = 0;
            int slash = path.LastIndexOf('\\');
            string name = slash >= 0 ? path.Substring(slash + 1) : path;
            if (!name.EndsWith(Extension) || name.Length == Extension.Length || name.Length > Extension.Length + 9)
            {
                return false;
            }

            for (int i = 0; i < name.Length - Extension.Length; i++)
            {
                char c = name[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                number = (number * 10) + (c - '0');
            }

            return true;
        }

        private string PathOf(int segment)
        {
            return _directory + segment.ToString() + Extension;
        }
    }
}
