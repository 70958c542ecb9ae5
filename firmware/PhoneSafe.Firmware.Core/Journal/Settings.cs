namespace PhoneSafe.Firmware.Core.Journal
{
    /// <summary>
    /// Encodes numbers for <see cref="Hardware.ISettingsStore"/> values (8 bytes, little-endian).
    /// </summary>
    public static class Settings
    {
        /// <summary>
        /// Encodes a number.
        /// </summary>
        /// <param name="value">The number.</param>
        /// <returns>8 bytes.</returns>
        public static byte[] FromLong(long value)
        {
            byte[] bytes = new byte[8];
            for (int i = 0; i < 8; i++)
            {
                bytes[i] = (byte)(value >> (8 * i));
            }

            return bytes;
        }

        /// <summary>
        /// Decodes a number.
        /// </summary>
        /// <param name="bytes">8 bytes, or null.</param>
        /// <returns>The number, or 0 when absent or the wrong length.</returns>
        public static long ToLong(byte[] bytes)
        {
            if (bytes == null || bytes.Length != 8)
            {
                return 0;
            }

            long value = 0;
            for (int i = 7; i >= 0; i--)
            {
                value = (value << 8) | bytes[i];
            }

            return value;
        }
    }
}
