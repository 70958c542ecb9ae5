namespace PhoneSafe.Firmware.Core.Provisioning
{
    /// <summary>
    /// The names of the values a locker keeps in its <see cref="Hardware.ISettingsStore"/>, as a setup bundle carries them.
    /// </summary>
    public static class SettingNames
    {
        /// <summary>School identifier (text).</summary>
        public const string School = "school";

        /// <summary>Locker identifier (text).</summary>
        public const string Device = "device";

        /// <summary>Per-device key, 32 bytes.</summary>
        public const string DeviceKey = "deviceKey";

        /// <summary>School-wide credential key, 32 bytes.</summary>
        public const string CredentialKey = "credentialKey";

        /// <summary>School Wi-Fi network name (text).</summary>
        public const string WifiSsid = "wifiSsid";

        /// <summary>School Wi-Fi password (text, may be empty for an open network).</summary>
        public const string WifiPassword = "wifiPassword";

        /// <summary>Broker host name or address (text).</summary>
        public const string BrokerHost = "brokerHost";

        /// <summary>Broker TLS port (text, 8883 when absent).</summary>
        public const string BrokerPort = "brokerPort";

        /// <summary>The broker's certificate authority, PEM text.</summary>
        public const string BrokerCa = "brokerCa";

        /// <summary>Number of compartments (text, 1 to 16).</summary>
        public const string Compartments = "compartments";

        /// <summary>The identifier of the setup bundle the locker was provisioned from (text); written last.</summary>
        public const string SetupBundle = "setupBundle";
    }
}
