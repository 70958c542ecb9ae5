using System;

namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// Wall-clock and monotonic time for the core. Replaces DateTime.UtcNow so tests can drive time.
    /// </summary>
    public interface IClock
    {
        /// <summary>
        /// Gets the current UTC time. Only meaningful when <see cref="IsSynchronized"/> is true.
        /// </summary>
        DateTime UtcNow { get; }

        /// <summary>
        /// Gets a value indicating whether the wall clock has been set from a network time (SNTP) since boot; a time
        /// kept only by the battery-backed real-time clock does not count.
        /// </summary>
        bool IsSynchronized { get; }

        /// <summary>
        /// Gets the milliseconds elapsed since boot; monotonic, never adjusted.
        /// </summary>
        long UptimeMilliseconds { get; }
    }
}
