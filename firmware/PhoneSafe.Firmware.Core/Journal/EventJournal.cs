using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Journal
{
    /// <summary>
    /// The events in flash, kept until the gateway acknowledges them. Records (64 bytes, CRC-32 each) are only ever
    /// appended, to numbered segments of <see cref="IJournalStore.SegmentBytes"/>. Acknowledged segments are kept until
    /// their room is needed, so a gateway restored from a backup can have them again (<see cref="Rewind"/>): when every
    /// segment is full, the oldest is deleted whole to make room for a new one. So an event costs one append, and a
    /// segment create and delete per segment of events, whatever the gateway does. When the oldest segment still held
    /// unacknowledged events, they are lost and <see cref="LostCount"/> says how many.
    /// </summary>
    /// <remarks>
    /// A power cut during an append leaves a torn last record: its CRC fails, it is ignored, and appending goes on in
    /// a new segment (the records before it are kept). Segment i holds the sequence numbers from its first record's
    /// up to the next segment's first minus one.
    /// </remarks>
    public sealed class EventJournal
    {
        /// <summary>The settings name holding the acknowledged sequence number.</summary>
        public const string AckedSetting = "acked";

        /// <summary>
        /// The device's segment size: one 4 KB erase block of the ESP32's flash, 64 records. LittleFS stores a file of
        /// up to one block in a single block.
        /// </summary>
        public const int DefaultSegmentBytes = 4096;

        private readonly IJournalStore _store;
        private readonly ISettingsStore _settings;
        private readonly string _device;
        private readonly byte[] _buffer = new byte[JournalRecord.Size];
        private readonly int _recordsPerSegment;
        private readonly int[] _segments;
        private readonly long[] _firstSequences;
        private int _segmentCount;
        private int _nextSegment;
        private int _appendRecords = -1;
        private long _newestSequence;
        private long _ackedThrough;

        /// <summary>
        /// Initializes a new instance of the <see cref="EventJournal"/> class and recovers its state from flash.
        /// </summary>
        /// <param name="store">The segment store (at least 2 segments); segment size and count fix the capacity (64 bytes per event).</param>
        /// <param name="settings">Where the acknowledged sequence number is kept.</param>
        /// <param name="device">The device identifier put into events read back.</param>
        public EventJournal(IJournalStore store, ISettingsStore settings, string device)
        {
            _store = store;
            _settings = settings;
            _device = device;
            _recordsPerSegment = store.SegmentBytes / JournalRecord.Size;
            _segments = new int[store.MaxSegments];
            _firstSequences = new long[store.MaxSegments];
            Capacity = _recordsPerSegment * store.MaxSegments;
            Recover();
        }

        /// <summary>Gets how many events the journal holds at most.</summary>
        public int Capacity { get; }

        /// <summary>Gets the highest sequence number the gateway has acknowledged.</summary>
        public long AckedThrough => _ackedThrough;

        /// <summary>Gets the sequence number of the newest event, or the acknowledged one when there is none newer.</summary>
        public long NewestSequence => _newestSequence;

        /// <summary>Gets the sequence number of the oldest unacknowledged event still in flash.</summary>
        public long OldestPendingSequence
        {
            get
            {
                long oldestKept = _segmentCount > 0 ? _firstSequences[0] : _newestSequence + 1;
                return _ackedThrough + 1 > oldestKept ? _ackedThrough + 1 : oldestKept;
            }
        }

        /// <summary>Gets how many unacknowledged events are in flash.</summary>
        public int PendingCount => (int)(_newestSequence - OldestPendingSequence + 1);

        /// <summary>Gets how many unacknowledged events were deleted because the journal was full.</summary>
        public long LostCount => OldestPendingSequence - _ackedThrough - 1;

        /// <summary>
        /// Gives an event the next sequence number and appends it to flash.
        /// </summary>
        /// <param name="lockerEvent">The event; its <see cref="LockerEvent.Sequence"/> is set here.</param>
        /// <returns>
        /// true when the journal was full of unacknowledged events, so the oldest segment of them was deleted to make
        /// room (they are lost, and <see cref="LostCount"/> went up).
        /// </returns>
        public bool Append(LockerEvent lockerEvent)
        {
            bool lostPending = false;
            lockerEvent.Sequence = _newestSequence + 1;
            if (_appendRecords < 0 || _appendRecords == _recordsPerSegment)
            {
                if (_segmentCount == _segments.Length)
                {
                    lostPending = LastSequenceOf(0) > _ackedThrough;
                    DeleteOldest();
                }

                _segments[_segmentCount] = _nextSegment++;
                _firstSequences[_segmentCount] = lockerEvent.Sequence;
                _segmentCount++;
                _appendRecords = 0;
            }

            JournalRecord.Write(lockerEvent, _buffer);
            _store.Append(_segments[_segmentCount - 1], _buffer, 0, JournalRecord.Size);
            _appendRecords++;
            _newestSequence = lockerEvent.Sequence;
            return lostPending;
        }

        /// <summary>
        /// Reads an unacknowledged event back from flash.
        /// </summary>
        /// <param name="sequence">A sequence number from <see cref="OldestPendingSequence"/> to <see cref="NewestSequence"/>.</param>
        /// <returns>The event, or null when it is not pending or its record is damaged.</returns>
        public LockerEvent Read(long sequence)
        {
            return sequence < OldestPendingSequence ? null : ReadKept(sequence);
        }

        /// <summary>
        /// Reads the newest event back from flash, acknowledged or not (used at start to finish what a power cut
        /// interrupted right after it was written).
        /// </summary>
        /// <returns>The newest event, or null when the journal is empty or its record is damaged.</returns>
        public LockerEvent ReadNewest()
        {
            return ReadKept(_newestSequence);
        }

        /// <summary>
        /// Records the gateway's acknowledgement. The events stay in flash until their room is needed.
        /// </summary>
        /// <param name="sequence">The acknowledged sequence number; lower or unknown values are ignored.</param>
        /// <returns>true when it moved the acknowledged point.</returns>
        public bool Acknowledge(long sequence)
        {
            if (sequence <= _ackedThrough || sequence > _newestSequence)
            {
                return false;
            }

            _ackedThrough = sequence;
            _settings.Write(AckedSetting, Settings.FromLong(sequence));
            return true;
        }

        private LockerEvent ReadKept(long sequence)
        {
            for (int i = _segmentCount - 1; i >= 0; i--)
            {
                if (sequence >= _firstSequences[i])
                {
                    if (sequence > LastSequenceOf(i))
                    {
                        return null;
                    }

                    _store.Read(_segments[i], (int)(sequence - _firstSequences[i]) * JournalRecord.Size, _buffer, 0, JournalRecord.Size);
                    return JournalRecord.TryRead(_buffer, _device, out LockerEvent lockerEvent) && lockerEvent.Sequence == sequence ? lockerEvent : null;
                }
            }

            return null;
        }

        private long LastSequenceOf(int index)
        {
            return index + 1 < _segmentCount ? _firstSequences[index + 1] - 1 : _newestSequence;
        }

        /// <summary>
        /// Moves the acknowledged point back, so that events the gateway had acknowledged are sent again: the gateway
        /// acknowledging less than it did before means it lost them (its database was restored from a backup).
        /// Only events still in flash can be sent again: the journal keeps acknowledged events until their room is
        /// needed, so up to <see cref="Capacity"/> of the newest (at least the newest segment's).
        /// </summary>
        /// <param name="sequence">The gateway's acknowledged sequence number, below <see cref="AckedThrough"/>.</param>
        /// <returns>true when the acknowledged point moved back (at most to just before the oldest event in flash).</returns>
        public bool Rewind(long sequence)
        {
            long oldestKept = _segmentCount > 0 ? _firstSequences[0] : _newestSequence + 1;
            long target = sequence + 1 < oldestKept ? oldestKept - 1 : sequence;
            if (sequence < 0 || target >= _ackedThrough)
            {
                return false;
            }

            _ackedThrough = target;
            _settings.Write(AckedSetting, Settings.FromLong(target));
            return true;
        }

        private void DeleteOldest()
        {
            _store.Delete(_segments[0]);
            for (int i = 1; i < _segmentCount; i++)
            {
                _segments[i - 1] = _segments[i];
                _firstSequences[i - 1] = _firstSequences[i];
            }

            _segmentCount--;
        }

        private void Recover()
        {
            _ackedThrough = Settings.ToLong(_settings.Read(AckedSetting));
            _newestSequence = _ackedThrough;
            int[] found = _store.ListSegments();
            SortAscending(found);
            // More segments than allowed (the limit was lowered): the oldest go.
            int tooMany = found.Length - _segments.Length;
            for (int i = 0; i < found.Length; i++)
            {
                long first = 0;
                int valid = i < tooMany ? 0 : CountValidRecords(found[i], out first);
                if (valid == 0)
                {
                    _store.Delete(found[i]);
                    continue;
                }

                _segments[_segmentCount] = found[i];
                _firstSequences[_segmentCount] = first;
                _segmentCount++;
                _nextSegment = found[i] + 1;
                _newestSequence = first + valid - 1 > _ackedThrough ? first + valid - 1 : _ackedThrough;

                // Keep appending to the newest segment only when it ends on a whole, intact record.
                _appendRecords = valid * JournalRecord.Size == _store.Length(found[i]) ? valid : -1;
            }
        }

        // Counts the intact records from the start of a segment, stopping at the first torn or damaged one.
        private int CountValidRecords(int segment, out long first)
        {
            first = 0;
            int records = _store.Length(segment) / JournalRecord.Size;
            int valid = 0;
            while (valid < records)
            {
                _store.Read(segment, valid * JournalRecord.Size, _buffer, 0, JournalRecord.Size);
                long sequence = JournalRecord.SequenceOf(_buffer);
                if (sequence == 0 || (valid > 0 && sequence != first + valid))
                {
                    break;
                }

                if (valid == 0)
                {
                    first = sequence;
                }

                valid++;
            }

            return valid;
        }

        private static void SortAscending(int[] values)
        {
            for (int i = 1; i < values.Length; i++)
            {
                int value = values[i];
                int j = i - 1;
                while (j >= 0 && values[j] > value)
                {
                    values[j + 1] = values[j];
                    j--;
                }

                values[j + 1] = value;
            }
        }
    }
}
