namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// A decoded message of a locker's update topic: a manifest, one chunk of the image, or the confirmation that the
    /// new firmware reached the gateway.
    /// </summary>
    public sealed class UpdateMessage
    {
        /// <summary>Gets or sets the action: <see cref="UpdateCodec.Manifest"/>, <see cref="UpdateCodec.Chunk"/> or <see cref="UpdateCodec.Confirm"/>.</summary>
        public string Action { get; set; }

        /// <summary>Gets or sets the firmware version the message is about.</summary>
        public string Version { get; set; }

        /// <summary>Gets or sets the manifest (manifest only).</summary>
        public UpdateManifest Manifest { get; set; }

        /// <summary>Gets or sets the chunk number, from 0 (chunk only).</summary>
        public int Index { get; set; }

        /// <summary>Gets or sets the chunk's bytes (chunk only).</summary>
        public byte[] Data { get; set; }
    }
}
