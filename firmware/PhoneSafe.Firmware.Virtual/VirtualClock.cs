using System;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// A clock moved by hand. Until synchronised it reports a wall time as an unsynced ESP32 would (2000-01-01 + uptime).
    /// </summary>
    public sealed class VirtualClock : IClock
    {
        private static readonly DateTime s_unsyncedEpoch = IsoTime.Utc(2000, 1, 1, 0, 0, 0);
        private DateTime _syncedAtUtc;
        private long _syncedAtUptime;

        /// <inheritdoc/>
        public long UptimeMilliseconds { get; private set; }

        /// <inheritdoc/>
        public bool IsSynchronized { get; private set; }

        /// <inheritdoc/>
        public DateTime UtcNow => IsSynchronized
            ? _syncedAtUtc.AddTicks((UptimeMilliseconds - _syncedAtUptime) * TimeSpan.TicksPerMillisecond)
            : s_unsyncedEpoch.AddTicks(UptimeMilliseconds * TimeSpan.TicksPerMillisecond);

        /// <summary>
        /// Moves time on.
        /// </summary>
        /// <param name="milliseconds">How far, in ms (0 or more).</param>
        public void Advance(long milliseconds)
        {
            UptimeMilliseconds += milliseconds;
        }

        /// <summary>
        /// Sets the wall clock as SNTP would.
        /// </summary>
        /// <param name="utc">The true UTC time now.</param>
        public void Synchronize(DateTime utc)
        {
            _syncedAtUtc = utc;
            _syncedAtUptime = UptimeMilliseconds;
            IsSynchronized = true;
        }

        /// <summary>
        /// Starts again from uptime 0, unsynchronised, as after a power cycle.
        /// </summary>
        public void Reboot()
        {
            UptimeMilliseconds = 0;
            IsSynchronized = false;
        }
    }
}
