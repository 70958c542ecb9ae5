namespace PhoneSafe.Firmware.Core.Journal
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), used to detect torn or corrupted journal records.
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] s_table = BuildTable();

        /// <summary>
        /// Computes the CRC-32 of a byte range.
        /// </summary>
        /// <param name="data">The bytes.</param>
        /// <param name="offset">Start offset.</param>
        /// <param name="count">Number of bytes.</param>
        /// <returns>The checksum.</returns>
        public static uint Compute(byte[] data, int offset, int count)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc = s_table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            }

            return ~crc;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
