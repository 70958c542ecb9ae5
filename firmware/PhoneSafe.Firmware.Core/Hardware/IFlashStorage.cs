namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// A fixed-size region of non-volatile storage that holds the event journal.
    /// </summary>
    public interface IFlashStorage
    {
        /// <summary>
        /// Gets the size of the region in bytes.
        /// </summary>
        int SizeBytes { get; }

        /// <summary>
        /// Reads bytes from the region.
        /// </summary>
        /// <param name="address">Byte offset in the region, 0 to SizeBytes - count.</param>
        /// <param name="buffer">Destination buffer.</param>
        /// <param name="offset">Offset in <paramref name="buffer"/>.</param>
        /// <param name="count">Number of bytes to read.</param>
        void Read(int address, byte[] buffer, int offset, int count);

        /// <summary>
        /// Writes bytes to the region. A power cut may leave any prefix of the bytes written.
        /// </summary>
        /// <param name="address">Byte offset in the region, 0 to SizeBytes - count.</param>
        /// <param name="buffer">Source buffer.</param>
        /// <param name="offset">Offset in <paramref name="buffer"/>.</param>
        /// <param name="count">Number of bytes to write.</param>
        void Write(int address, byte[] buffer, int offset, int count);
    }
}
