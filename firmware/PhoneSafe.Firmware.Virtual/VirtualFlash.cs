using System;
using System.Collections;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Journal;

namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// Journal segments in RAM that can lose power part-way through an append (only the first bytes land), and that
    /// count what the flash file system is asked to do: appends, bytes, segments created and deleted.
    /// </summary>
    public sealed class VirtualFlash : IJournalStore
    {
        private const int MinSegments = 4;

        private readonly Hashtable _segments = new Hashtable();
        private int _cutAfterBytes = -1;

        /// <summary>
        /// Initializes a new instance of the <see cref="VirtualFlash"/> class, empty.
        /// </summary>
        /// <param name="sizeBytes">
        /// Capacity in bytes. Split into <see cref="EventJournal.DefaultSegmentBytes"/> segments as on the device, or
        /// into 4 segments when that is smaller (tests that make the journal overflow).
        /// </param>
        public VirtualFlash(int sizeBytes)
        {
            int small = sizeBytes / MinSegments / JournalRecord.Size * JournalRecord.Size;
            SegmentBytes = small < EventJournal.DefaultSegmentBytes ? small : EventJournal.DefaultSegmentBytes;
            if (SegmentBytes < JournalRecord.Size)
            {
                throw new ArgumentOutOfRangeException(nameof(sizeBytes), "at least 4 records");
            }

            MaxSegments = sizeBytes / SegmentBytes;
        }

        /// <inheritdoc/>
        public int SegmentBytes { get; }

        /// <inheritdoc/>
        public int MaxSegments { get; }

        /// <summary>Gets how many appends were made.</summary>
        public int WriteCount { get; private set; }

        /// <summary>Gets how many bytes were appended in total.</summary>
        public long BytesWritten { get; private set; }

        /// <summary>Gets how many segments were created.</summary>
        public int SegmentsCreated { get; private set; }

        /// <summary>Gets how many segments were deleted.</summary>
        public int SegmentsDeleted { get; private set; }

        /// <summary>
        /// Makes the next append stop after some bytes and throw, as a power cut would.
        /// </summary>
        /// <param name="bytes">How many bytes of the next append land (0 or more).</param>
        public void CutPowerDuringNextWrite(int bytes)
        {
            _cutAfterBytes = bytes;
        }

        /// <inheritdoc/>
        public int[] ListSegments()
        {
            int[] result = new int[_segments.Count];
            int i = 0;
            foreach (object key in _segments.Keys)
            {
                result[i++] = (int)key;
            }

            return result;
        }

        /// <inheritdoc/>
        public int Length(int segment)
        {
            byte[] bytes = (byte[])_segments[segment];
            return bytes == null ? 0 : bytes.Length;
        }

        /// <inheritdoc/>
        public void Read(int segment, int position, byte[] buffer, int offset, int count)
        {
            Array.Copy((byte[])_segments[segment], position, buffer, offset, count);
        }

        /// <inheritdoc/>
        public void Append(int segment, byte[] buffer, int offset, int count)
        {
            WriteCount++;
            byte[] old = (byte[])_segments[segment];
            if (old == null)
            {
                old = new byte[0];
                SegmentsCreated++;
            }

            int landed = _cutAfterBytes >= 0 && _cutAfterBytes < count ? _cutAfterBytes : count;
            if (old.Length + landed > SegmentBytes)
            {
                throw new InvalidOperationException("A segment would grow past its size.");
            }

            byte[] grown = new byte[old.Length + landed];
            Array.Copy(old, grown, old.Length);
            Array.Copy(buffer, offset, grown, old.Length, landed);
            _segments[segment] = grown;
            BytesWritten += landed;
            if (_cutAfterBytes >= 0)
            {
                _cutAfterBytes = -1;
                throw new PowerCutException();
            }
        }

        /// <inheritdoc/>
        public void Delete(int segment)
        {
            if (_segments.Contains(segment))
            {
                _segments.Remove(segment);
                SegmentsDeleted++;
            }
        }
    }
}
