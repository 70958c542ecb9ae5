using System;

namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// A battery-backed real-time clock that keeps UTC while the unit has no power.
    /// </summary>
    public interface IRealTimeClock
    {
        /// <summary>
        /// Reads the time.
        /// </summary>
        /// <param name="utc">The time kept, in UTC, when the read succeeded.</param>
        /// <returns>false when the clock does not answer or has lost its time (its battery ran out).</returns>
        bool TryRead(out DateTime utc);

        /// <summary>
        /// Sets the time.
        /// </summary>
        /// <param name="utc">The time, in UTC, whole seconds kept.</param>
        /// <returns>false when the clock does not answer or cannot hold this time.</returns>
        bool TryWrite(DateTime utc);
    }
}
