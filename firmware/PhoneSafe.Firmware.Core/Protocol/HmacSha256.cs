namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) over <see cref="Sha256"/>.
    /// </summary>
    public static class HmacSha256
    {
        /// <summary>
        /// Computes the HMAC-SHA256 tag of a byte range.
        /// </summary>
        /// <param name="key">The secret key (any length; 32 bytes recommended).</param>
        /// <param name="data">The message.</param>
        /// <param name="offset">Offset of the message in <paramref name="data"/>.</param>
        /// <param name="count">Length of the message in bytes.</param>
        /// <returns>The 32-byte tag.</returns>
        public static byte[] Compute(byte[] key, byte[] data, int offset, int count)
        {
            byte[] blockKey = new byte[Sha256.BlockSizeBytes];
            byte[] k = key.Length > Sha256.BlockSizeBytes ? Sha256.Hash(key) : key;
            for (int i = 0; i < k.Length; i++)
            {
                blockKey[i] = k[i];
            }

            byte[] pad = new byte[Sha256.BlockSizeBytes];
            for (int i = 0; i < pad.Length; i++)
            {
                pad[i] = (byte)(blockKey[i] ^ 0x36);
            }

            byte[] inner = Sha256.Hash(pad, 0, pad.Length, data, offset, count);
            for (int i = 0; i < pad.Length; i++)
            {
                pad[i] = (byte)(blockKey[i] ^ 0x5c);
            }

            return Sha256.Hash(pad, 0, pad.Length, inner, 0, inner.Length);
        }

        /// <summary>
        /// Computes the HMAC-SHA256 tag of a whole byte array.
        /// </summary>
        /// <param name="key">The secret key.</param>
        /// <param name="data">The message.</param>
        /// <returns>The 32-byte tag.</returns>
        public static byte[] Compute(byte[] key, byte[] data)
        {
            return Compute(key, data, 0, data.Length);
        }

        /// <summary>
        /// Compares two tags in time that does not depend on where they differ.
        /// </summary>
        /// <param name="a">First tag.</param>
        /// <param name="b">Second tag.</param>
        /// <returns>true when both have the same length and bytes.</returns>
        public static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            int diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                diff |= a[i] ^ b[i];
            }

            return diff == 0;
        }
    }
}
