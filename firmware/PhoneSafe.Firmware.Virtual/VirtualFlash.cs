using System;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// Flash in RAM that can lose power part-way through a write: only the first bytes of the write land.
    /// </summary>
    public sealed class VirtualFlash : IFlashStorage
    {
        private readonly byte[] _bytes;
        private int _cutAfterBytes = -1;

        /// <summary>
        /// Initializes a new instance of the <see cref="VirtualFlash"/> class, erased (all 0xFF).
        /// </summary>
        /// <param name="sizeBytes">Size of the region in bytes.</param>
        public VirtualFlash(int sizeBytes)
        {
            _bytes = new byte[sizeBytes];
            for (int i = 0; i < sizeBytes; i++)
            {
                _bytes[i] = 0xFF;
            }
        }

        /// <inheritdoc/>
        public int SizeBytes => _bytes.Length;

        /// <summary>Gets how many writes were made.</summary>
        public int WriteCount { get; private set; }

        /// <summary>Gets how many bytes were written in total.</summary>
        public long BytesWritten { get; private set; }

        /// <summary>
        /// Makes the next write stop after some bytes and throw, as a power cut would.
        /// </summary>
        /// <param name="bytes">How many bytes of the next write land (0 or more).</param>
        public void CutPowerDuringNextWrite(int bytes)
        {
            _cutAfterBytes = bytes;
        }

        /// <inheritdoc/>
        public void Read(int address, byte[] buffer, int offset, int count)
        {
            Array.Copy(_bytes, address, buffer, offset, count);
        }

        /// <inheritdoc/>
        public void Write(int address, byte[] buffer, int offset, int count)
        {
            WriteCount++;
            if (_cutAfterBytes >= 0)
            {
                int landed = _cutAfterBytes < count ? _cutAfterBytes : count;
                _cutAfterBytes = -1;
                Array.Copy(buffer, offset, _bytes, address, landed);
                BytesWritten += landed;
                throw new PowerCutException();
            }

            Array.Copy(buffer, offset, _bytes, address, count);
            BytesWritten += count;
        }
    }
}
