using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// Drives the LEDs and buzzer: a pattern is shown either until replaced or for a while, after which the
    /// resting pattern comes back (Idle, or Fault while the unit has a fault).
    /// </summary>
    public sealed class Signals
    {
        /// <summary>How long a refusal is shown (ms).</summary>
        public const long DeniedMilliseconds = 3000;

        private readonly IIndicator _indicator;
        private Feedback _shown = Feedback.Idle;
        private Feedback _resting = Feedback.Idle;
        private long _untilMilliseconds = -1;
        private bool _everShown;

        /// <summary>
        /// Initializes a new instance of the <see cref="Signals"/> class.
        /// </summary>
        /// <param name="indicator">The LEDs and buzzer.</param>
        public Signals(IIndicator indicator)
        {
            _indicator = indicator;
        }

        /// <summary>Gets the pattern shown now.</summary>
        public Feedback Shown => _shown;

        /// <summary>
        /// Shows a pattern until another one replaces it.
        /// </summary>
        /// <param name="feedback">The pattern.</param>
        public void Show(Feedback feedback)
        {
            _untilMilliseconds = -1;
            Apply(feedback);
        }

        /// <summary>
        /// Shows a pattern for a while, then the resting pattern.
        /// </summary>
        /// <param name="feedback">The pattern.</param>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <param name="durationMilliseconds">How long, in ms (more than 0).</param>
        public void ShowFor(Feedback feedback, long nowMilliseconds, long durationMilliseconds)
        {
            _untilMilliseconds = nowMilliseconds + durationMilliseconds;
            Apply(feedback);
        }

        /// <summary>
        /// Goes back to the resting pattern now.
        /// </summary>
        public void Rest()
        {
            _untilMilliseconds = -1;
            Apply(_resting);
        }

        /// <summary>
        /// Sets the resting pattern and ends a timed pattern whose time is up. Call once per main-loop pass.
        /// </summary>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <param name="unitFault">true while the unit has a fault (reader or a compartment).</param>
        public void Update(long nowMilliseconds, bool unitFault)
        {
            Feedback resting = unitFault ? Feedback.Fault : Feedback.Idle;
            bool wasResting = _shown == _resting && _untilMilliseconds < 0;
            _resting = resting;
            if (_untilMilliseconds >= 0 && nowMilliseconds >= _untilMilliseconds)
            {
                Rest();
            }
            else if (wasResting)
            {
                Apply(resting);
            }
        }

        private void Apply(Feedback feedback)
        {
            if (feedback != _shown || !_everShown)
            {
                _everShown = true;
                _shown = feedback;
                _indicator.Show(feedback);
            }
        }
    }
}
