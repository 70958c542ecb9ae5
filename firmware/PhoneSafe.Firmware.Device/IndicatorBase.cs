using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// Turns a <see cref="Feedback"/> and the time since it started into green LED, red LED and buzzer states.
    /// A subclass drives the outputs and calls <see cref="Update"/> periodically.
    /// </summary>
    public abstract class IndicatorBase : IIndicator
    {
        /// <summary>Length of one beep in milliseconds.</summary>
        public const int BeepMilliseconds = 150;

        /// <summary>Period of the flashing and alternating patterns in milliseconds.</summary>
        public const int BlinkPeriodMilliseconds = 1000;

        private readonly object _sync = new object();
        private Feedback _feedback = Feedback.Idle;
        private long _startedAtMilliseconds;
        private bool _restart = true;

        /// <summary>
        /// Starts showing a pattern; it repeats or holds until the next call.
        /// </summary>
        /// <param name="feedback">The pattern to show.</param>
        public void Show(Feedback feedback)
        {
            lock (_sync)
            {
                if (feedback != _feedback)
                {
                    _feedback = feedback;
                    _restart = true;
                }
            }
        }

        /// <summary>
        /// Computes the outputs for the current pattern and applies them.
        /// </summary>
        /// <param name="nowMilliseconds">A monotonic time in milliseconds.</param>
        public void Update(long nowMilliseconds)
        {
            Feedback feedback;
            long elapsed;
            lock (_sync)
            {
                if (_restart)
                {
                    _startedAtMilliseconds = nowMilliseconds;
                    _restart = false;
                }

                feedback = _feedback;
                elapsed = nowMilliseconds - _startedAtMilliseconds;
            }

            Compute(feedback, elapsed, out bool green, out bool red, out bool buzzer);
            SetOutputs(green, red, buzzer);
        }

        /// <summary>
        /// Computes the output states of a pattern.
        /// </summary>
        /// <param name="feedback">The pattern.</param>
        /// <param name="elapsedMilliseconds">Milliseconds since the pattern started.</param>
        /// <param name="green">Whether the green LED is on.</param>
        /// <param name="red">Whether the red LED is on.</param>
        /// <param name="buzzer">Whether the buzzer sounds.</param>
        public static void Compute(Feedback feedback, long elapsedMilliseconds, out bool green, out bool red, out bool buzzer)
        {
            long inPeriod = elapsedMilliseconds % BlinkPeriodMilliseconds;
            bool firstHalf = inPeriod < BlinkPeriodMilliseconds / 2;
            green = false;
            red = false;
            buzzer = false;
            switch (feedback)
            {
                case Feedback.Granted:
                    green = true;
                    buzzer = elapsedMilliseconds < BeepMilliseconds;
                    break;
                case Feedback.Denied:
                    red = true;
                    buzzer = elapsedMilliseconds < BeepMilliseconds
                        || (elapsedMilliseconds >= 2 * BeepMilliseconds && elapsedMilliseconds < 3 * BeepMilliseconds);
                    break;
                case Feedback.DoorOpen:
                    red = firstHalf;
                    buzzer = inPeriod < BeepMilliseconds;
                    break;
                case Feedback.Fault:
                    red = true;
                    break;
                case Feedback.Enrolment:
                    green = firstHalf;
                    red = !firstHalf;
                    break;
                case Feedback.Identify:
                    green = firstHalf;
                    red = firstHalf;
                    buzzer = inPeriod < BeepMilliseconds;
                    break;
                default:
                    break;
            }
        }

        /// <summary>
        /// Drives the outputs.
        /// </summary>
        /// <param name="green">Whether the green LED is on.</param>
        /// <param name="red">Whether the red LED is on.</param>
        /// <param name="buzzer">Whether the buzzer sounds.</param>
        protected abstract void SetOutputs(bool green, bool red, bool buzzer);
    }
}
