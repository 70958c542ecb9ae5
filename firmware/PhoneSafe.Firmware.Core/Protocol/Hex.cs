namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Lower-case hexadecimal encoding.
    /// </summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>
        /// Encodes bytes as lower-case hex.
        /// </summary>
        /// <param name="data">The bytes.</param>
        /// <param name="count">How many leading bytes to encode.</param>
        /// <returns>Two characters per byte.</returns>
        public static string Encode(byte[] data, int count)
        {
            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                chars[i * 2] = Digits[data[i] >> 4];
                chars[(i * 2) + 1] = Digits[data[i] & 0x0f];
            }

            return new string(chars);
        }

        /// <summary>
        /// Encodes all bytes as lower-case hex.
        /// </summary>
        /// <param name="data">The bytes.</param>
        /// <returns>Two characters per byte.</returns>
        public static string Encode(byte[] data)
        {
            return Encode(data, data.Length);
        }

        /// <summary>
        /// Decodes hex (either case).
        /// </summary>
        /// <param name="text">Hex text of even length.</param>
        /// <param name="data">The bytes, or null when the text is not valid hex.</param>
        /// <returns>true when the text was valid hex.</returns>
        public static bool TryDecode(string text, out byte[] data)
        {
            data = null;
            if (text == null || (text.Length % 2) != 0)
            {
                return false;
            }

            byte[] result = new byte[text.Length / 2];
            for (int i = 0; i < result.Length; i++)
            {
                int high = Nibble(text[i * 2]);
                int low = Nibble(text[(i * 2) + 1]);
                if (high < 0 || low < 0)
                {
                    return false;
                }

                result[i] = (byte)((high << 4) | low);
            }

            data = result;
            return true;
        }

        /// <summary>
        /// Tells whether a string is lower-case hex of an exact length.
        /// </summary>
        /// <param name="text">The text.</param>
        /// <param name="length">Required number of characters.</param>
        /// <returns>true when it is.</returns>
        public static bool IsLowerHex(string text, int length)
        {
            if (text == null || text.Length != length)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }

            return true;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
