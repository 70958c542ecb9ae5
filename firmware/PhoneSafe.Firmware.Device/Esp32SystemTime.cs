using System;
using nanoFramework.Runtime.Native;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// The ESP32 system clock (nanoFramework's DateTime.UtcNow, set with Rtc.SetSystemTime) and tick count.
    /// </summary>
    public sealed class Esp32SystemTime : ISystemTime
    {
        /// <summary>Gets the system clock, in UTC.</summary>
        public DateTime UtcNow => DateTime.UtcNow;

        /// <summary>Gets the milliseconds since boot (Environment.TickCount64, never adjusted).</summary>
        public long UptimeMilliseconds => Environment.TickCount64;

        /// <summary>
        /// Sets the system clock.
        /// </summary>
        /// <param name="utc">The time, in UTC.</param>
        public void Set(DateTime utc)
        {
            Rtc.SetSystemTime(utc);
        }
    }
}
