using System;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Core.Time
{
    /// <summary>
    /// The locker's clock. At boot the system clock is set from the battery-backed real-time clock, so events carry a
    /// good time at once, but they stay marked not synchronised (and commands are refused) until a network time
    /// arrives; that time then sets the system clock and is written back to the real-time clock.
    /// </summary>
    /// <remarks>
    /// The network time is fetched on another thread (it may wait on Wi-Fi, DNS and a UDP reply) and handed over with
    /// <see cref="OfferNetworkTime"/>. It is applied on the next read of <see cref="UtcNow"/> or
    /// <see cref="IsSynchronized"/>, so only the main loop, which reads them, sets the clock and uses the I2C bus.
    /// </remarks>
    public sealed class TimeKeeper : IClock
    {
        private readonly object _sync = new object();
        private readonly ISystemTime _system;
        private readonly IRealTimeClock _realTimeClock;
        private readonly DateTime _earliestValidUtc;
        private bool _networkTimePending;
        private DateTime _networkUtc;
        private long _networkUptimeMilliseconds;
        private bool _synchronized;

        /// <summary>
        /// Initializes a new instance of the <see cref="TimeKeeper"/> class.
        /// </summary>
        /// <param name="system">The system clock and uptime.</param>
        /// <param name="realTimeClock">The real-time clock, or null when the unit has none.</param>
        /// <param name="earliestValidUtc">Times before this (use a date shortly before the firmware build) are not real.</param>
        public TimeKeeper(ISystemTime system, IRealTimeClock realTimeClock, DateTime earliestValidUtc)
        {
            _system = system;
            _realTimeClock = realTimeClock;
            _earliestValidUtc = earliestValidUtc;
        }

        /// <summary>Gets the current UTC time (from the real-time clock until a network time arrives).</summary>
        public DateTime UtcNow
        {
            get
            {
                ApplyNetworkTime();
                return _system.UtcNow;
            }
        }

        /// <summary>Gets a value indicating whether a network time has set the clock since boot.</summary>
        public bool IsSynchronized
        {
            get
            {
                ApplyNetworkTime();
                return _synchronized;
            }
        }

        /// <summary>Gets the milliseconds elapsed since boot; monotonic, never adjusted.</summary>
        public long UptimeMilliseconds => _system.UptimeMilliseconds;

        /// <summary>Gets a value indicating whether the system clock was set from the real-time clock at boot.</summary>
        public bool StartedFromRealTimeClock { get; private set; }

        /// <summary>
        /// Sets the system clock from the real-time clock (call once at boot, before the locker starts).
        /// </summary>
        /// <returns>true when the real-time clock held a valid time.</returns>
        public bool SetFromRealTimeClock()
        {
            if (_realTimeClock != null && _realTimeClock.TryRead(out DateTime utc) && utc >= _earliestValidUtc)
            {
                _system.Set(utc);
                StartedFromRealTimeClock = true;
            }

            return StartedFromRealTimeClock;
        }

        /// <summary>
        /// Hands over a time received from the network (any thread); it is applied on the next read of the clock.
        /// </summary>
        /// <param name="utc">The network time, in UTC.</param>
        /// <param name="receivedAtUptimeMilliseconds">The uptime when it was received.</param>
        public void OfferNetworkTime(DateTime utc, long receivedAtUptimeMilliseconds)
        {
            if (utc < _earliestValidUtc)
            {
                return;
            }

            lock (_sync)
            {
                _networkUtc = utc;
                _networkUptimeMilliseconds = receivedAtUptimeMilliseconds;
                _networkTimePending = true;
            }
        }

        private void ApplyNetworkTime()
        {
            DateTime now;
            lock (_sync)
            {
                if (!_networkTimePending)
                {
                    return;
                }

                _networkTimePending = false;
                now = _networkUtc.AddMilliseconds(_system.UptimeMilliseconds - _networkUptimeMilliseconds);
            }

            _system.Set(now);
            if (_realTimeClock != null)
            {
                _realTimeClock.TryWrite(now);
            }
            _synchronized = true;
        }
    }
}
