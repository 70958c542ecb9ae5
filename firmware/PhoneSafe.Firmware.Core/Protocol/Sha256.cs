namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// SHA-256 (FIPS 180-4) in plain C#, so the device and the gateway hash with the same code: in one call, or
    /// appended piece by piece (<see cref="Append"/>, <see cref="Finish"/>).
    /// </summary>
    public sealed class Sha256
    {
        /// <summary>The digest length in bytes.</summary>
        public const int HashSizeBytes = 32;

        /// <summary>The block length in bytes.</summary>
        public const int BlockSizeBytes = 64;

        // FIPS 180-4 section 4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] s_roundConstants = new uint[]
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        // FIPS 180-4 section 5.3.3: initial hash value.
        private readonly uint[] _state = new uint[] { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
        private readonly uint[] _schedule = new uint[64];
        private readonly byte[] _block = new byte[BlockSizeBytes];
        private int _filled;
        private long _total;

        /// <summary>
        /// Computes the SHA-256 digest of the concatenation of two byte ranges.
        /// </summary>
        /// <param name="first">First part (may be null when <paramref name="firstCount"/> is 0).</param>
        /// <param name="firstOffset">Offset of the first part.</param>
        /// <param name="firstCount">Length of the first part in bytes.</param>
        /// <param name="second">Second part (may be null when <paramref name="secondCount"/> is 0).</param>
        /// <param name="secondOffset">Offset of the second part.</param>
        /// <param name="secondCount">Length of the second part in bytes.</param>
        /// <returns>The 32-byte digest.</returns>
        public static byte[] Hash(byte[] first, int firstOffset, int firstCount, byte[] second, int secondOffset, int secondCount)
        {
            Sha256 hash = new Sha256();
            hash.Append(first, firstOffset, firstCount);
            hash.Append(second, secondOffset, secondCount);
            return hash.Finish();
        }

        /// <summary>
        /// Computes the SHA-256 digest of a byte array.
        /// </summary>
        /// <param name="data">The bytes to hash.</param>
        /// <returns>The 32-byte digest.</returns>
        public static byte[] Hash(byte[] data)
        {
            return Hash(data, 0, data.Length, null, 0, 0);
        }

        /// <summary>
        /// Adds bytes to the message being hashed (for data too large to hold in memory at once, such as a firmware image).
        /// </summary>
        /// <param name="data">The bytes (may be null when <paramref name="count"/> is 0).</param>
        /// <param name="offset">Offset of the first byte.</param>
        /// <param name="count">Number of bytes.</param>
        public void Append(byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                _block[_filled++] = data[offset + i];
                if (_filled == BlockSizeBytes)
                {
                    Compress(_state, _block, _schedule);
                    _filled = 0;
                }
            }

            _total += count;
        }

        /// <summary>
        /// Pads the message and returns its digest; the instance is not used again.
        /// </summary>
        /// <returns>The 32-byte digest.</returns>
        public byte[] Finish()
        {
            // Padding: a 1 bit, zeros, then the message length in bits as a 64-bit big-endian number.
            _block[_filled++] = 0x80;
            if (_filled > BlockSizeBytes - 8)
            {
                while (_filled < BlockSizeBytes)
                {
                    _block[_filled++] = 0;
                }

                Compress(_state, _block, _schedule);
                _filled = 0;
            }

            while (_filled < BlockSizeBytes - 8)
            {
                _block[_filled++] = 0;
            }

            long bits = _total * 8;
            for (int i = 7; i >= 0; i--)
            {
                _block[_filled++] = (byte)(bits >> (i * 8));
            }

            Compress(_state, _block, _schedule);

            byte[] digest = new byte[HashSizeBytes];
            for (int i = 0; i < 8; i++)
            {
                digest[i * 4] = (byte)(_state[i] >> 24);
                digest[(i * 4) + 1] = (byte)(_state[i] >> 16);
                digest[(i * 4) + 2] = (byte)(_state[i] >> 8);
                digest[(i * 4) + 3] = (byte)_state[i];
            }

            return digest;
        }

        private static void Compress(uint[] state, byte[] block, uint[] w)
        {
            for (int t = 0; t < 16; t++)
            {
                w[t] = ((uint)block[t * 4] << 24) | ((uint)block[(t * 4) + 1] << 16) | ((uint)block[(t * 4) + 2] << 8) | block[(t * 4) + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint s0 = Rotr(w[t - 15], 7) ^ Rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
                uint s1 = Rotr(w[t - 2], 17) ^ Rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
            }

            uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
            for (int t = 0; t < 64; t++)
            {
                uint t1 = h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + s_roundConstants[t] + w[t];
                uint t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            state[0] += a;
            state[1] += b;
            state[2] += c;
            state[3] += d;
            state[4] += e;
            state[5] += f;
            state[6] += g;
            state[7] += h;
        }

        private static uint Rotr(uint x, int n)
        {
            return (x >> n) | (x << (32 - n));
        }
    }
}
