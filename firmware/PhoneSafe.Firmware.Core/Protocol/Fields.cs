using System.Collections;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Typed reads of properties from a parsed JSON object.
    /// </summary>
    public static class Fields
    {
        /// <summary>
        /// Reads a string property.
        /// </summary>
        /// <param name="table">The parsed object.</param>
        /// <param name="name">Property name.</param>
        /// <param name="value">The string, or null.</param>
        /// <returns>true when present and a string.</returns>
        public static bool TryGetString(Hashtable table, string name, out string value)
        {
            value = table[name] as string;
            return value != null;
        }

        /// <summary>
        /// Reads an integer property.
        /// </summary>
        /// <param name="table">The parsed object.</param>
        /// <param name="name">Property name.</param>
        /// <param name="value">The integer, or 0.</param>
        /// <returns>true when present and an integer.</returns>
        public static bool TryGetLong(Hashtable table, string name, out long value)
        {
            object raw = table[name];
            if (raw is long)
            {
                value = (long)raw;
                return true;
            }

            value = 0;
            return false;
        }

        /// <summary>
        /// Reads an integer property that must lie in a range.
        /// </summary>
        /// <param name="table">The parsed object.</param>
        /// <param name="name">Property name.</param>
        /// <param name="min">Smallest allowed value.</param>
        /// <param name="max">Largest allowed value.</param>
        /// <param name="value">The integer, or 0.</param>
        /// <returns>true when present, an integer and in range.</returns>
        public static bool TryGetLong(Hashtable table, string name, long min, long max, out long value)
        {
            return TryGetLong(table, name, out value) && value >= min && value <= max;
        }

        /// <summary>
        /// Reads a boolean property.
        /// </summary>
        /// <param name="table">The parsed object.</param>
        /// <param name="name">Property name.</param>
        /// <param name="value">The boolean, or false.</param>
        /// <returns>true when present and a boolean.</returns>
        public static bool TryGetBool(Hashtable table, string name, out bool value)
        {
            object raw = table[name];
            if (raw is bool)
            {
                value = (bool)raw;
                return true;
            }

            value = false;
            return false;
        }

        /// <summary>
        /// Reads a credential hash property: empty, or 32 lower-case hex characters.
        /// </summary>
        /// <param name="table">The parsed object.</param>
        /// <param name="name">Property name.</param>
        /// <param name="value">The hash, or null.</param>
        /// <returns>true when present and well formed.</returns>
        public static bool TryGetCredential(Hashtable table, string name, out string value)
        {
            return TryGetString(table, name, out value) && (value.Length == 0 || Hex.IsLowerHex(value, CredentialHash.Length));
        }
    }
}
