using System;
using System.IO;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// A fixed-size journal region kept in one pre-allocated file on the internal flash drive (I:\).
    /// </summary>
    /// <remarks>
    /// nanoFramework FileStream writes through on every Write (Flush is a no-op) and cannot seek past the end
    /// or SetLength, so the file is grown once, with 0xFF bytes (the erased-flash value), to the full size.
    /// </remarks>
    public sealed class FileFlashStorage : IFlashStorage, IDisposable
    {
        /// <summary>The value of bytes never written.</summary>
        public const byte ErasedValue = 0xFF;

        private const int FillChunkBytes = 512;

        private readonly FileStream _file;
        private readonly object _sync = new object();

        /// <summary>
        /// Initializes a new instance of the <see cref="FileFlashStorage"/> class, creating or growing the file.
        /// </summary>
        /// <param name="path">Full path of the file, for example I:\journal.bin.</param>
        /// <param name="sizeBytes">Size of the region in bytes (a multiple of the journal record size).</param>
        public FileFlashStorage(string path, int sizeBytes)
        {
            if (sizeBytes <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(sizeBytes));
            }

            SizeBytes = sizeBytes;
            _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
            Grow();
        }

        /// <summary>
        /// Gets the size of the region in bytes.
        /// </summary>
        public int SizeBytes { get; }

        /// <summary>
        /// Reads bytes from the region.
        /// </summary>
        /// <param name="address">Byte offset in the region, 0 to SizeBytes - count.</param>
        /// <param name="buffer">Destination buffer.</param>
        /// <param name="offset">Offset in <paramref name="buffer"/>.</param>
        /// <param name="count">Number of bytes to read.</param>
        public void Read(int address, byte[] buffer, int offset, int count)
        {
            CheckRange(address, buffer, offset, count);
            lock (_sync)
            {
                _file.Seek(address, SeekOrigin.Begin);
                int done = 0;
                while (done < count)
                {
                    int read = _file.Read(buffer, offset + done, count - done);
                    if (read <= 0)
                    {
                        throw new IOException("Journal file is shorter than its region.");
                    }

                    done += read;
                }
            }
        }

        /// <summary>
        /// Writes bytes to the region.
        /// </summary>
        /// <param name="address">Byte offset in the region, 0 to SizeBytes - count.</param>
        /// <param name="buffer">Source buffer.</param>
        /// <param name="offset">Offset in <paramref name="buffer"/>.</param>
        /// <param name="count">Number of bytes to write.</param>
        public void Write(int address, byte[] buffer, int offset, int count)
        {
            CheckRange(address, buffer, offset, count);
            lock (_sync)
            {
                _file.Seek(address, SeekOrigin.Begin);
                _file.Write(buffer, offset, count);
                _file.Flush();
            }
        }

        /// <summary>
        /// Closes the file.
        /// </summary>
        public void Dispose()
        {
            _file.Dispose();
        }

        private void Grow()
        {
            long length = _file.Length;
            if (length >= SizeBytes)
            {
                return;
            }

            byte[] fill = new byte[FillChunkBytes];
            for (int i = 0; i < fill.Length; i++)
            {
                fill[i] = ErasedValue;
            }

            _file.Seek(0, SeekOrigin.End);
            while (length < SizeBytes)
            {
                int chunk = SizeBytes - length < FillChunkBytes ? (int)(SizeBytes - length) : FillChunkBytes;
                _file.Write(fill, 0, chunk);
                length += chunk;
            }

            _file.Flush();
        }

        private void CheckRange(int address, byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            if (count < 0 || offset < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            if (address < 0 || address + count > SizeBytes)
            {
                throw new ArgumentOutOfRangeException(nameof(address));
            }
        }
    }
}
