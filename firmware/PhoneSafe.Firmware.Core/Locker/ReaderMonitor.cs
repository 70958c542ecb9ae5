using System;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// Keeps the RFID reader healthy: asks it every few seconds whether it still answers and, when it does not (or a
    /// read threw), re-initialises it and records one reader-fault event per failure. Reader exceptions never reach
    /// the main loop.
    /// </summary>
    public sealed class ReaderMonitor
    {
        /// <summary>How often the reader is asked whether it still answers (ms).</summary>
        public const long CheckIntervalMilliseconds = 5000;

        private readonly IBadgeReader _reader;
        private readonly EventRecorder _recorder;
        private long _nextCheckMilliseconds;
        private bool _suspect;

        /// <summary>
        /// Initializes a new instance of the <see cref="ReaderMonitor"/> class.
        /// </summary>
        /// <param name="reader">The RFID reader.</param>
        /// <param name="recorder">Where reader-fault events go.</param>
        public ReaderMonitor(IBadgeReader reader, EventRecorder recorder)
        {
            _reader = reader;
            _recorder = recorder;
        }

        /// <summary>Gets a value indicating whether the reader did not answer even after its last reset.</summary>
        public bool IsFaulted { get; private set; }

        /// <summary>Gets how many times the reader was reset since start.</summary>
        public long Resets { get; private set; }

        /// <summary>
        /// Checks the reader when a check is due (or a read failed) and resets it when it does not answer.
        /// </summary>
        /// <param name="nowMilliseconds">Uptime now.</param>
        public void Check(long nowMilliseconds)
        {
            if (!_suspect && nowMilliseconds < _nextCheckMilliseconds)
            {
                return;
            }

            _suspect = false;
            _nextCheckMilliseconds = nowMilliseconds + CheckIntervalMilliseconds;
            if (Responds())
            {
                IsFaulted = false;
                return;
            }

            if (!IsFaulted)
            {
                _recorder.Record(EventType.ReaderFault, 0, string.Empty, string.Empty);
            }

            Resets++;
            try
            {
                _reader.Reset();
            }
            catch (Exception)
            {
                // A reset that throws leaves the reader faulted; the next check tries again.
            }

            IsFaulted = !Responds();
        }

        /// <summary>
        /// Polls the reader for a card, unless it is faulted.
        /// </summary>
        /// <param name="uid">The card UID, or null.</param>
        /// <returns>true when a card was read.</returns>
        public bool TryRead(out byte[] uid)
        {
            uid = null;
            if (IsFaulted)
            {
                return false;
            }

            try
            {
                return _reader.TryReadBadge(out uid) && uid != null && uid.Length > 0;
            }
            catch (Exception)
            {
                uid = null;
                _suspect = true;
                return false;
            }
        }

        private bool Responds()
        {
            try
            {
                return _reader.IsResponding();
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
