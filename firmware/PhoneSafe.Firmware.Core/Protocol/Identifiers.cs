namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Rules for school and locker identifiers, which appear in topics and messages.
    /// </summary>
    public static class Identifiers
    {
        /// <summary>The longest identifier allowed.</summary>
        public const int MaxLength = 32;

        /// <summary>
        /// Tells whether an identifier is 1 to 32 characters of a-z, 0-9 and '-'.
        /// </summary>
        /// <param name="id">The identifier.</param>
        /// <returns>true when valid.</returns>
        public static bool IsValid(string id)
        {
            if (id == null || id.Length == 0 || id.Length > MaxLength)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
