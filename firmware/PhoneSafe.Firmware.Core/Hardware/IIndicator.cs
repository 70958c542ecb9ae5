namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// The status LEDs and buzzer of a locker unit.
    /// </summary>
    public interface IIndicator
    {
        /// <summary>
        /// Shows a feedback pattern until the next call.
        /// </summary>
        /// <param name="feedback">The pattern to show.</param>
        void Show(Feedback feedback);
    }
}
