using System.Text;

namespace PhoneSafe.Firmware.Core.Provisioning
{
    /// <summary>
    /// The one-time setup code printed beside a bundle: 16 characters from an alphabet without look-alikes
    /// (no 0/O, 1/I/L, U), shown in groups of four, about 78 bits.
    /// </summary>
    public static class SetupCode
    {
        /// <summary>The characters a code is made of.</summary>
        public const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

        /// <summary>Characters in a code, without the dashes.</summary>
        public const int Length = 16;

        /// <summary>
        /// Makes a code from random bytes.
        /// </summary>
        /// <param name="random">At least <see cref="Length"/> random bytes.</param>
        /// <returns>The code in groups of four, for example ABCD-EFGH-JKMN-PQRS.</returns>
        public static string FromRandom(byte[] random)
        {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < Length; i++)
            {
                if (i > 0 && i % 4 == 0)
                {
                    code.Append('-');
                }

                // 256 is not a multiple of 30: the first 16 characters are a little more likely, 78 bits remain.
                code.Append(Alphabet[random[i] % Alphabet.Length]);
            }

            return code.ToString();
        }

        /// <summary>
        /// Normalizes a typed code: upper case, without spaces and dashes.
        /// </summary>
        /// <param name="code">The code as typed, or null.</param>
        /// <returns>The normalized code (empty for null).</returns>
        public static string Normalize(string code)
        {
            if (code == null)
            {
                return string.Empty;
            }

            StringBuilder normalized = new StringBuilder();
            for (int i = 0; i < code.Length; i++)
            {
                char c = code[i];
                if (c == '-' || c == ' ')
                {
                    continue;
                }

                normalized.Append(c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
            }

            return normalized.ToString();
        }
    }
}
