namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// The last level of a locker topic.
    /// </summary>
    public static class TopicKind
    {
        /// <summary>Events, device to gateway, QoS 1.</summary>
        public const string Events = "events";

        /// <summary>Acknowledgements, gateway to device, QoS 1.</summary>
        public const string Ack = "ack";

        /// <summary>Configuration, gateway to device, QoS 1, retained.</summary>
        public const string Config = "config";

        /// <summary>Commands, gateway to device, QoS 1.</summary>
        public const string Command = "command";

        /// <summary>Command results (executed or refused, with the reason), device to gateway, QoS 1.</summary>
        public const string Result = "result";

        /// <summary>Firmware update manifests, chunks and confirmations, gateway to device, QoS 1.</summary>
        public const string Update = "update";

        /// <summary>Firmware version and update progress, device to gateway, QoS 1.</summary>
        public const string Progress = "progress";

        /// <summary>"online"/"offline", device (and its Last Will), retained.</summary>
        public const string Status = "status";

        /// <summary>The gateway's record of which compartments hold a phone, for a replacement controller (gateway to locker, retained).</summary>
        public const string Restore = "restore";
    }
}
