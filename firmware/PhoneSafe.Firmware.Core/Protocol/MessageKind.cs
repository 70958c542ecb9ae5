namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Values of the "m" field, which binds a signed message to its purpose so one kind cannot be replayed as another.
    /// </summary>
    public static class MessageKind
    {
        /// <summary>A locker event (device to gateway).</summary>
        public const string Event = "event";

        /// <summary>An acknowledgement of stored events (gateway to device).</summary>
        public const string Ack = "ack";

        /// <summary>A locker configuration (gateway to device, retained).</summary>
        public const string Config = "config";

        /// <summary>A remote command (gateway to device).</summary>
        public const string Command = "command";

        /// <summary>The outcome of a remote command (device to gateway).</summary>
        public const string Result = "result";

        /// <summary>A restore message: compartment occupancy from the gateway's custody.</summary>
        public const string Restore = "restore";

        /// <summary>A firmware update manifest, chunk or confirmation (gateway to device).</summary>
        public const string Update = "update";

        /// <summary>A firmware progress report (device to gateway).</summary>
        public const string Progress = "progress";
    }
}
