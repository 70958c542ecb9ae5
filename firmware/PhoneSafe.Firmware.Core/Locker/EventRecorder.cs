using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// Stamps events with boot counter, clock quality and uptime, and appends them to the journal. When an append had
    /// to overwrite an unacknowledged event, it also appends a journal-gap event, which tells the gateway that every
    /// sequence number below the gap event's that it has not received is lost for good.
    /// </summary>
    /// <remarks>
    /// One gap event is enough while it is still in the ring: events are overwritten oldest first, so everything
    /// lost after it was written is older than it. A new one is written only once the last one was acknowledged or
    /// overwritten itself.
    /// </remarks>
    public sealed class EventRecorder
    {
        private readonly EventJournal _journal;
        private readonly IClock _clock;
        private readonly string _device;
        private long _lastGapSequence;

        /// <summary>
        /// Initializes a new instance of the <see cref="EventRecorder"/> class.
        /// </summary>
        /// <param name="journal">The event journal.</param>
        /// <param name="clock">The clock.</param>
        /// <param name="device">This locker's identifier.</param>
        public EventRecorder(EventJournal journal, IClock clock, string device)
        {
            _journal = journal;
            _clock = clock;
            _device = device;
        }

        /// <summary>Gets or sets the boot counter written into events.</summary>
        public long Boot { get; set; }

        /// <summary>Gets how many journal-gap events were written since start.</summary>
        public long GapEvents { get; private set; }

        /// <summary>
        /// Records an event.
        /// </summary>
        /// <param name="type">An <see cref="EventType"/> value.</param>
        /// <param name="compartment">Compartment number, or 0 for the whole unit.</param>
        /// <param name="credential">Credential hash of whoever acted, or empty.</param>
        /// <param name="subject">Credential hash of the pupil concerned, or empty.</param>
        public void Record(string type, int compartment, string credential, string subject)
        {
            bool overwrote = _journal.Append(NewEvent(type, compartment, credential, subject));
            if (overwrote && _lastGapSequence < _journal.OldestPendingSequence)
            {
                _journal.Append(NewEvent(EventType.JournalGap, 0, string.Empty, string.Empty));
                _lastGapSequence = _journal.NewestSequence;
                GapEvents++;
            }
        }

        /// <summary>
        /// Records that a configuration version was verified and applied (the gateway shows it per locker).
        /// </summary>
        /// <param name="version">The configuration version now in force.</param>
        public void RecordConfigApplied(long version)
        {
            LockerEvent applied = NewEvent(EventType.ConfigApplied, 0, string.Empty, string.Empty);
            applied.ConfigVersion = version;
            _journal.Append(applied);
        }

        private LockerEvent NewEvent(string type, int compartment, string credential, string subject)
        {
            return new LockerEvent
            {
                Device = _device,
                Boot = Boot,
                TimestampUtc = _clock.UtcNow,
                TimeSynchronized = _clock.IsSynchronized,
                UptimeMilliseconds = _clock.UptimeMilliseconds,
                Type = type,
                Compartment = compartment,
                Credential = credential,
                Subject = subject,
            };
        }
    }
}
