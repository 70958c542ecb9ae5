namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// Limits of the locker controller board (hardware/locker-unit): how many compartments it can drive and how long a
    /// solenoid may stay energised.
    /// </summary>
    public static class LockerLimits
    {
        /// <summary>Compartments one controller drives: 4 on ESP32 pins and 12 on the two MCP23017 expanders.</summary>
        public const int MaxCompartments = 16;

        /// <summary>Shortest unlock window, in seconds: time to open the door after the beep.</summary>
        public const int MinUnlockSeconds = 3;

        /// <summary>
        /// Longest unlock window, in seconds. The solenoid is energised for the whole window unless the door opens;
        /// small latch solenoids are intermittent-duty parts that overheat when held on longer.
        /// </summary>
        public const int MaxUnlockSeconds = 10;

        /// <summary>
        /// Keeps a configured unlock window within what the solenoid allows.
        /// </summary>
        /// <param name="unlockSeconds">The configured window, in seconds (the protocol carries 3 to 60).</param>
        /// <returns>The window used, <see cref="MinUnlockSeconds"/> to <see cref="MaxUnlockSeconds"/> seconds.</returns>
        public static int ClampUnlockSeconds(int unlockSeconds)
        {
            if (unlockSeconds < MinUnlockSeconds)
            {
                return MinUnlockSeconds;
            }

            return unlockSeconds > MaxUnlockSeconds ? MaxUnlockSeconds : unlockSeconds;
        }
    }
}
