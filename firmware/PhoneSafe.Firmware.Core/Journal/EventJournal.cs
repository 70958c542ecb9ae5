using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Journal
{
    /// <summary>
    /// The append-only ring of events in flash. Records are written to consecutive 64-byte slots, so the
    /// events not yet acknowledged by the gateway always occupy consecutive slots ending at the newest one.
    /// Only acknowledged records are overwritten, unless the ring is full of unacknowledged ones: then the
    /// oldest are lost and <see cref="LostCount"/> says how many.
    /// </summary>
    public sealed class EventJournal
    {
        /// <summary>The settings name holding the acknowledged sequence number.</summary>
        public const string AckedSetting = "acked";

        private readonly IFlashStorage _storage;
        private readonly ISettingsStore _settings;
        private readonly string _device;
        private readonly byte[] _buffer = new byte[JournalRecord.Size];
        private int _newestSlot = -1;
        private long _newestSequence;
        private long _ackedThrough;

        /// <summary>
        /// Initializes a new instance of the <see cref="EventJournal"/> class and recovers its state from flash.
        /// </summary>
        /// <param name="storage">The flash region; its size fixes the capacity (64 bytes per event).</param>
        /// <param name="settings">Where the acknowledged sequence number is kept.</param>
        /// <param name="device">The device identifier put into events read back.</param>
        public EventJournal(IFlashStorage storage, ISettingsStore settings, string device)
        {
            _storage = storage;
            _settings = settings;
            _device = device;
            Capacity = storage.SizeBytes / JournalRecord.Size;
            Recover();
        }

        /// <summary>Gets how many events the ring holds.</summary>
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
                long oldestKept = _newestSequence - Capacity + 1;
                return _ackedThrough + 1 > oldestKept ? _ackedThrough + 1 : oldestKept;
            }
        }

        /// <summary>Gets how many unacknowledged events are in flash.</summary>
        public int PendingCount => (int)(_newestSequence - OldestPendingSequence + 1);

        /// <summary>Gets how many unacknowledged events were overwritten because the ring was full.</summary>
        public long LostCount => OldestPendingSequence - _ackedThrough - 1;

        /// <summary>Gets how many slot writes were made since start (one per appended event).</summary>
        public long FlashWrites { get; private set; }

        /// <summary>
        /// Gives an event the next sequence number and writes it to flash.
        /// </summary>
        /// <param name="lockerEvent">The event; its <see cref="LockerEvent.Sequence"/> is set here.</param>
        /// <returns>
        /// true when the ring was full of unacknowledged events, so this write overwrote the oldest of them
        /// (it is lost, and <see cref="LostCount"/> went up by one).
        /// </returns>
        public bool Append(LockerEvent lockerEvent)
        {
            bool overwritesPending = _newestSequence - _ackedThrough >= Capacity;
            lockerEvent.Sequence = _newestSequence + 1;
            int slot = (_newestSlot + 1) % Capacity;
            JournalRecord.Write(lockerEvent, _buffer);
            _storage.Write(slot * JournalRecord.Size, _buffer, 0, JournalRecord.Size);
            FlashWrites++;
            _newestSlot = slot;
            _newestSequence = lockerEvent.Sequence;
            return overwritesPending;
        }

        /// <summary>
        /// Reads an unacknowledged event back from flash.
        /// </summary>
        /// <param name="sequence">A sequence number from <see cref="OldestPendingSequence"/> to <see cref="NewestSequence"/>.</param>
        /// <returns>The event, or null when it is not pending or its record is damaged.</returns>
        public LockerEvent Read(long sequence)
        {
            if (sequence < OldestPendingSequence || sequence > _newestSequence)
            {
                return null;
            }

            int back = (int)(_newestSequence - sequence);
            int slot = (((_newestSlot - back) % Capacity) + Capacity) % Capacity;
            _storage.Read(slot * JournalRecord.Size, _buffer, 0, JournalRecord.Size);
            return JournalRecord.TryRead(_buffer, _device, out LockerEvent lockerEvent) && lockerEvent.Sequence == sequence ? lockerEvent : null;
        }

        /// <summary>
        /// Reads the newest event back from flash, acknowledged or not (used at start to finish what a power cut
        /// interrupted right after it was written).
        /// </summary>
        /// <returns>The newest event, or null when the journal is empty or its record is damaged.</returns>
        public LockerEvent ReadNewest()
        {
            if (_newestSlot < 0)
            {
                return null;
            }

            _storage.Read(_newestSlot * JournalRecord.Size, _buffer, 0, JournalRecord.Size);
            return JournalRecord.TryRead(_buffer, _device, out LockerEvent lockerEvent) && lockerEvent.Sequence == _newestSequence ? lockerEvent : null;
        }

        /// <summary>
        /// Records the gateway's acknowledgement; events up to it may now be overwritten.
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

        private void Recover()
        {
            _ackedThrough = Settings.ToLong(_settings.Read(AckedSetting));
            _newestSequence = _ackedThrough;
            for (int slot = 0; slot < Capacity; slot++)
            {
                _storage.Read(slot * JournalRecord.Size, _buffer, 0, JournalRecord.Size);
                long sequence = JournalRecord.SequenceOf(_buffer);
                if (sequence > _newestSequence || (sequence > 0 && sequence == _newestSequence && _newestSlot < 0))
                {
                    _newestSequence = sequence;
                    _newestSlot = slot;
                }
            }
        }
    }
}
