using System;
using nanoFramework.Networking;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// The ESP32 system clock, set by the nanoFramework SNTP client, plus the monotonic tick count.
    /// </summary>
    public sealed class Esp32Clock : IClock
    {
        private readonly DateTime _validAfter;

        /// <summary>
        /// Initializes a new instance of the <see cref="Esp32Clock"/> class.
        /// </summary>
        /// <param name="validAfter">
        /// The earliest UTC time that can be real. The RTC restarts far in the past on power-up, so any time
        /// after this means SNTP (or an RTC) has set the clock. Use a date shortly before the firmware build.
        /// </param>
        public Esp32Clock(DateTime validAfter)
        {
            _validAfter = validAfter;
        }

        /// <summary>
        /// Gets the current UTC time.
        /// </summary>
        public DateTime UtcNow => DateTime.UtcNow;

        /// <summary>
        /// Gets a value indicating whether the wall clock has been set since boot (it is past the floor).
        /// </summary>
        public bool IsSynchronized => DateTime.UtcNow > _validAfter;

        /// <summary>
        /// Gets the milliseconds since boot (Environment.TickCount64, never adjusted by SNTP).
        /// </summary>
        public long UptimeMilliseconds => Environment.TickCount64;

        /// <summary>
        /// Points the SNTP client at a server and starts it if it is not running (it then resyncs hourly).
        /// </summary>
        /// <param name="server">Host name or address of the NTP server, for example the school gateway.</param>
        public static void StartSntp(string server)
        {
            if (!string.IsNullOrEmpty(server))
            {
                Sntp.Server1 = server;
            }

            if (Sntp.IsStarted)
            {
                Sntp.UpdateNow();
            }
            else
            {
                Sntp.Start();
            }
        }
    }
}
