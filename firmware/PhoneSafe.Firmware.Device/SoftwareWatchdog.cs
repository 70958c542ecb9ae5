using System;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Runtime.Native;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// A managed watchdog: a timer reboots the unit when <see cref="Feed"/> has not been called for the timeout.
    /// </summary>
    /// <remarks>
    /// nanoFramework exposes no hardware watchdog API to C# (the MCU watchdog is a firmware build option).
    /// This catches a stuck main loop, not a hung runtime: if the CLR itself stops, the timer stops too.
    /// </remarks>
    public sealed class SoftwareWatchdog : IWatchdog, IDisposable
    {
        private readonly int _timeoutMilliseconds;
        private readonly object _sync = new object();
        private readonly Timer _timer;
        private long _lastFeedMilliseconds;

        /// <summary>
        /// Initializes a new instance of the <see cref="SoftwareWatchdog"/> class. It starts armed.
        /// </summary>
        /// <param name="timeoutMilliseconds">Reboot when not fed for this long, in milliseconds (at least 1000).</param>
        public SoftwareWatchdog(int timeoutMilliseconds)
        {
            if (timeoutMilliseconds < 1000)
            {
                throw new ArgumentOutOfRangeException(nameof(timeoutMilliseconds));
            }

            _timeoutMilliseconds = timeoutMilliseconds;
            _lastFeedMilliseconds = Environment.TickCount64;
            int period = timeoutMilliseconds / 4;
            _timer = new Timer(Check, null, period, period);
        }

        /// <summary>
        /// Restarts the timeout. Called once per main-loop iteration.
        /// </summary>
        public void Feed()
        {
            lock (_sync)
            {
                _lastFeedMilliseconds = Environment.TickCount64;
            }
        }

        /// <summary>
        /// Stops the watchdog.
        /// </summary>
        public void Dispose()
        {
            _timer.Dispose();
        }

        private void Check(object state)
        {
            long starved;
            lock (_sync)
            {
                starved = Environment.TickCount64 - _lastFeedMilliseconds;
            }

            if (starved > _timeoutMilliseconds)
            {
                Debug.WriteLine($"Watchdog: main loop silent for {starved} ms, rebooting");
                Power.RebootDevice();
            }
        }
    }
}
