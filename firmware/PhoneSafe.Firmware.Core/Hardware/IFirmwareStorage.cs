namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// Where firmware images and the boot record live (the internal drive on the device), apart from the journal and
    /// the settings, which an update never touches. Two image slots, "a" and "b": one holds the firmware running (or
    /// none: the one deployed with the loader), the other receives the next.
    /// </summary>
    public interface IFirmwareStorage
    {
        /// <summary>
        /// Empties a slot.
        /// </summary>
        /// <param name="slot">"a" or "b".</param>
        void Clear(string slot);

        /// <summary>
        /// Writes bytes into a slot's image at an offset (overwriting what is there, growing the image as needed).
        /// </summary>
        /// <param name="slot">"a" or "b".</param>
        /// <param name="offset">Byte offset in the image.</param>
        /// <param name="data">The bytes.</param>
        void Write(string slot, int offset, byte[] data);

        /// <summary>
        /// Reads bytes of a slot's image.
        /// </summary>
        /// <param name="slot">"a" or "b".</param>
        /// <param name="offset">Byte offset in the image.</param>
        /// <param name="buffer">Where to put them.</param>
        /// <param name="count">How many to read at most.</param>
        /// <returns>How many were read (fewer at the end of the image).</returns>
        int Read(string slot, int offset, byte[] buffer, int count);

        /// <summary>
        /// Reads the boot record the loader follows (<see cref="Update.BootRecord"/>).
        /// </summary>
        /// <returns>Its bytes, or null when none was ever written.</returns>
        byte[] ReadBootRecord();

        /// <summary>
        /// Replaces the boot record atomically: after a power cut either the old or the new one is read.
        /// </summary>
        /// <param name="record">The bytes.</param>
        void WriteBootRecord(byte[] record);
    }
}
