using System;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// One thing that happened at a locker, as journaled on the device and stored in the gateway ledger.
    /// </summary>
    public sealed class LockerEvent
    {
        /// <summary>Gets or sets the locker (device) identifier.</summary>
        public string Device { get; set; }

        /// <summary>Gets or sets the boot counter at the time of the event (persisted, goes up by one per start).</summary>
        public long Boot { get; set; }

        /// <summary>Gets or sets the sequence number: persisted, starts at 1, one more per event, never reused.</summary>
        public long Sequence { get; set; }

        /// <summary>Gets or sets the device's UTC time of the event; trustworthy only when <see cref="TimeSynchronized"/>.</summary>
        public DateTime TimestampUtc { get; set; }

        /// <summary>Gets or sets a value indicating whether the device clock was SNTP-synchronised at the event.</summary>
        public bool TimeSynchronized { get; set; }

        /// <summary>Gets or sets milliseconds since boot at the event (monotonic; places unsynchronised events).</summary>
        public long UptimeMilliseconds { get; set; }

        /// <summary>Gets or sets the <see cref="EventType"/> string.</summary>
        public string Type { get; set; }

        /// <summary>Gets or sets the compartment number, 1 to 16, or 0 when the event concerns the whole unit.</summary>
        public int Compartment { get; set; }

        /// <summary>Gets or sets the credential hash of the badge that acted, or empty.</summary>
        public string Credential { get; set; }

        /// <summary>Gets or sets the credential hash of the pupil whose phone it is (office unit), or empty.</summary>
        public string Subject { get; set; }

        /// <summary>Gets or sets the configuration version applied (config-applied events; optional "ver" on the wire), or 0.</summary>
        public long ConfigVersion { get; set; }
    }
}
