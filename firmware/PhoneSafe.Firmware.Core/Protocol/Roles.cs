namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Roles a credential can have at a locker.
    /// </summary>
    public static class Roles
    {
        /// <summary>A member of staff depositing and retrieving their own phone.</summary>
        public const string Staff = "staff";

        /// <summary>Office staff taking in and releasing pupil phones at the office unit.</summary>
        public const string Office = "office";

        /// <summary>A pupil card, only valid together with an office badge.</summary>
        public const string Pupil = "pupil";

        /// <summary>
        /// Tells whether a role is known.
        /// </summary>
        /// <param name="role">The role string.</param>
        /// <returns>true when known.</returns>
        public static bool IsKnown(string role)
        {
            return role == Staff || role == Office || role == Pupil;
        }
    }
}
