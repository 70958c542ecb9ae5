namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// A hardware watchdog that resets the unit when the main loop stops feeding it.
    /// </summary>
    public interface IWatchdog
    {
        /// <summary>
        /// Resets the watchdog timer. Called once per main-loop iteration.
        /// </summary>
        void Feed();
    }
}
