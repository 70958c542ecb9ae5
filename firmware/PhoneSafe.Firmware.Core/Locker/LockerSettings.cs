namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// What a locker is told at provisioning: who it is and its secrets.
    /// </summary>
    public sealed class LockerSettings
    {
        /// <summary>Gets or sets the school identifier (a-z, 0-9, '-').</summary>
        public string School { get; set; }

        /// <summary>Gets or sets the locker identifier (a-z, 0-9, '-').</summary>
        public string Device { get; set; }

        /// <summary>Gets or sets the per-device key (32 bytes) that signs and checks messages.</summary>
        public byte[] DeviceKey { get; set; }

        /// <summary>Gets or sets the school-wide credential key (32 bytes) that hashes card UIDs.</summary>
        public byte[] CredentialKey { get; set; }

        /// <summary>
        /// Gets or sets a value indicating whether a controller with no occupancy of its own (a replacement in an existing
        /// cabinet) waits for the gateway's restore message before unlocking anything. True on a provisioned device.
        /// </summary>
        public bool RecoversOccupancy { get; set; }
    }
}
