namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Remote commands a locker accepts (field "cmd").
    /// </summary>
    public static class CommandName
    {
        /// <summary>Unlock one compartment (emergency or office console); recorded like a tap.</summary>
        public const string Unlock = "unlock";

        /// <summary>Flash the LEDs and beep so a technician can find the unit.</summary>
        public const string Identify = "identify";

        /// <summary>Report the next unknown card as a card-presented event.</summary>
        public const string Enrol = "enrol";

        /// <summary>Office unit: take in a pupil phone chosen in the office console ("subj").</summary>
        public const string Intake = "intake";

        /// <summary>Office unit: release a pupil phone chosen in the office console ("subj").</summary>
        public const string Release = "release";

        /// <summary>Put a faulted compartment (door forced) back in service once someone has checked it; recorded as fault-cleared.</summary>
        public const string Clear = "clear";

        /// <summary>
        /// Tells whether a command name is known.
        /// </summary>
        /// <param name="name">The command name.</param>
        /// <returns>true when known.</returns>
        public static bool IsKnown(string name)
        {
            return name == Unlock || name == Identify || name == Enrol || name == Intake || name == Release || name == Clear;
        }
    }
}
