using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// Enrolment mode, started by a signed enrol command: the next unknown card held to the reader within the window
    /// is reported as a card-presented event (its credential hash, never the UID), so the gateway can enrol it.
    /// </summary>
    public sealed class EnrolmentMode
    {
        /// <summary>How long enrolment mode waits for an unknown card (ms).</summary>
        public const long WindowMilliseconds = 60000;

        /// <summary>How long the granted pattern confirms a reported card (ms).</summary>
        public const long ConfirmMilliseconds = 1000;

        private readonly EventRecorder _recorder;
        private readonly Signals _signals;
        private long _untilMilliseconds = -1;

        /// <summary>
        /// Initializes a new instance of the <see cref="EnrolmentMode"/> class, not active.
        /// </summary>
        /// <param name="recorder">Where card-presented events go.</param>
        /// <param name="signals">The LEDs and buzzer.</param>
        public EnrolmentMode(EventRecorder recorder, Signals signals)
        {
            _recorder = recorder;
            _signals = signals;
        }

        /// <summary>
        /// Tells whether enrolment mode is on.
        /// </summary>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <returns>true while waiting for an unknown card.</returns>
        public bool IsActive(long nowMilliseconds)
        {
            return _untilMilliseconds >= 0 && nowMilliseconds < _untilMilliseconds;
        }

        /// <summary>
        /// Starts (or restarts) the window; the LEDs alternate meanwhile.
        /// </summary>
        /// <param name="nowMilliseconds">Uptime now.</param>
        public void Start(long nowMilliseconds)
        {
            _untilMilliseconds = nowMilliseconds + WindowMilliseconds;
            _signals.ShowFor(Feedback.Enrolment, nowMilliseconds, WindowMilliseconds);
        }

        /// <summary>
        /// Reports an unknown card when enrolment mode is on, and ends the mode.
        /// </summary>
        /// <param name="credential">The card's credential hash.</param>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <returns>true when the card was reported.</returns>
        public bool TryReport(string credential, long nowMilliseconds)
        {
            if (!IsActive(nowMilliseconds))
            {
                return false;
            }

            _untilMilliseconds = -1;
            _recorder.Record(EventType.CardPresented, 0, credential, string.Empty);
            _signals.ShowFor(Feedback.Granted, nowMilliseconds, ConfirmMilliseconds);
            return true;
        }
    }
}
