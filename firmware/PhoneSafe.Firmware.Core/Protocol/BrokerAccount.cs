namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// A locker's MQTT account on the school's broker. The user name is <c>&lt;school&gt;.&lt;locker&gt;</c> (a '.' never
    /// occurs in an identifier, so names cannot collide, and the gateway's account has none); the password is derived
    /// from the locker's device key, so neither the locker nor the gateway stores anything new and the broker only
    /// holds a one-way hash of it. Rotating the device key rotates the password.
    /// </summary>
    public static class BrokerAccount
    {
        /// <summary>The label the password derivation hashes (domain separation from every other use of the key).</summary>
        public const string PasswordLabel = "phonesafe/mqtt-password/v1";

        /// <summary>
        /// Builds a locker's MQTT user name.
        /// </summary>
        /// <param name="school">School identifier.</param>
        /// <param name="locker">Locker identifier.</param>
        /// <returns>For example <c>hillside.lk-101</c>.</returns>
        public static string UserName(string school, string locker)
        {
            return school + "." + locker;
        }

        /// <summary>
        /// Derives a locker's MQTT password: HMAC-SHA256(device key, <see cref="PasswordLabel"/>) as 64 lower-case hex
        /// characters. The broker never learns the device key from it.
        /// </summary>
        /// <param name="deviceKey">The locker's 32-byte device key.</param>
        /// <returns>The password.</returns>
        public static string Password(byte[] deviceKey)
        {
            return Hex.Encode(HmacSha256.Compute(deviceKey, System.Text.Encoding.UTF8.GetBytes(PasswordLabel)));
        }
    }
}
