namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Turns a card UID into the keyed hash that is the only form of a credential ever sent or stored.
    /// </summary>
    public static class CredentialHash
    {
        /// <summary>Length of a credential hash in hex characters (128 bits).</summary>
        public const int Length = 32;

        /// <summary>
        /// Computes HMAC-SHA256(school credential key, UID) truncated to 128 bits, as lower-case hex.
        /// </summary>
        /// <param name="schoolKey">The school-wide credential key (32 bytes), shared by its lockers and gateway.</param>
        /// <param name="uid">The card UID bytes as read from the reader.</param>
        /// <returns>32 lower-case hex characters.</returns>
        public static string Compute(byte[] schoolKey, byte[] uid)
        {
            return Hex.Encode(HmacSha256.Compute(schoolKey, uid), Length / 2);
        }
    }
}
