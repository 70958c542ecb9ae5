namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// Non-volatile storage of the event journal as numbered, append-only segments (one file each on the device).
    /// Records are only ever appended to a segment; a segment is deleted whole once every event in it is acknowledged.
    /// </summary>
    public interface IJournalStore
    {
        /// <summary>Gets the size of one full segment in bytes (a multiple of the 64-byte journal record).</summary>
        int SegmentBytes { get; }

        /// <summary>Gets how many segments may exist at once; with <see cref="SegmentBytes"/> it fixes the capacity.</summary>
        int MaxSegments { get; }

        /// <summary>
        /// Lists the segments that exist.
        /// </summary>
        /// <returns>Their numbers, in any order.</returns>
        int[] ListSegments();

        /// <summary>
        /// Gets the length of a segment.
        /// </summary>
        /// <param name="segment">The segment number.</param>
        /// <returns>Its length in bytes, 0 when it does not exist.</returns>
        int Length(int segment);

        /// <summary>
        /// Reads bytes from a segment.
        /// </summary>
        /// <param name="segment">The segment number.</param>
        /// <param name="position">Byte offset in the segment, 0 to Length - count.</param>
        /// <param name="buffer">Destination buffer.</param>
        /// <param name="offset">Offset in <paramref name="buffer"/>.</param>
        /// <param name="count">Number of bytes to read.</param>
        void Read(int segment, int position, byte[] buffer, int offset, int count);

        /// <summary>
        /// Appends bytes to the end of a segment, creating it when it does not exist. A power cut may leave any
        /// prefix of the bytes appended.
        /// </summary>
        /// <param name="segment">The segment number.</param>
        /// <param name="buffer">Source buffer.</param>
        /// <param name="offset">Offset in <paramref name="buffer"/>.</param>
        /// <param name="count">Number of bytes to append.</param>
        void Append(int segment, byte[] buffer, int offset, int count);

        /// <summary>
        /// Deletes a segment; nothing happens when it does not exist.
        /// </summary>
        /// <param name="segment">The segment number.</param>
        void Delete(int segment);
    }
}
