using System;
using System.Collections;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// Firmware slots and boot record kept in RAM; survives a virtual reboot because the same instance is handed to the
    /// new controller, as the internal drive survives a power cut.
    /// </summary>
    public sealed class MemoryFirmwareStorage : IFirmwareStorage
    {
        private readonly Hashtable _slots = new Hashtable();
        private byte[] _bootRecord;

        /// <summary>
        /// Gets a slot's image as stored now.
        /// </summary>
        /// <param name="slot">"a" or "b".</param>
        /// <returns>A copy of the bytes (empty when the slot is empty).</returns>
        public byte[] Image(string slot)
        {
            byte[] image = (byte[])_slots[slot];
            return image == null ? new byte[0] : (byte[])image.Clone();
        }

        /// <inheritdoc/>
        public void Clear(string slot)
        {
            _slots.Remove(slot);
        }

        /// <inheritdoc/>
        public void Write(string slot, int offset, byte[] data)
        {
            byte[] image = (byte[])_slots[slot];
            if (image == null || image.Length < offset + data.Length)
            {
                byte[] grown = new byte[offset + data.Length];
                if (image != null)
                {
                    Array.Copy(image, grown, image.Length);
                }

                image = grown;
                _slots[slot] = image;
            }

            Array.Copy(data, 0, image, offset, data.Length);
        }

        /// <inheritdoc/>
        public int Read(string slot, int offset, byte[] buffer, int count)
        {
            byte[] image = (byte[])_slots[slot];
            if (image == null || offset >= image.Length)
            {
                return 0;
            }

            int read = image.Length - offset < count ? image.Length - offset : count;
            Array.Copy(image, offset, buffer, 0, read);
            return read;
        }

        /// <inheritdoc/>
        public byte[] ReadBootRecord()
        {
            return _bootRecord == null ? null : (byte[])_bootRecord.Clone();
        }

        /// <inheritdoc/>
        public void WriteBootRecord(byte[] record)
        {
            _bootRecord = (byte[])record.Clone();
        }
    }
}
