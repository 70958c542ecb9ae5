using System;

namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// The processor's own wall clock (lost at every power-up) and its monotonic uptime.
    /// </summary>
    public interface ISystemTime
    {
        /// <summary>Gets the wall clock, in UTC.</summary>
        DateTime UtcNow { get; }

        /// <summary>Gets the milliseconds elapsed since boot; monotonic, never adjusted by <see cref="Set"/>.</summary>
        long UptimeMilliseconds { get; }

        /// <summary>
        /// Sets the wall clock.
        /// </summary>
        /// <param name="utc">The time, in UTC.</param>
        void Set(DateTime utc);
    }
}
