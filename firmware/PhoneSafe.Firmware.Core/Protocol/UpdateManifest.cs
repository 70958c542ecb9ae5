namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// What the gateway announces before sending a firmware image: its version, size, SHA-256 and chunk count.
    /// </summary>
    public sealed class UpdateManifest
    {
        /// <summary>Gets or sets the firmware version (1 to 32 characters of a-z, 0-9, '.' and '-').</summary>
        public string Version { get; set; }

        /// <summary>Gets or sets the image size in bytes (1 to <see cref="UpdateCodec.MaxImageBytes"/>).</summary>
        public int SizeBytes { get; set; }

        /// <summary>Gets or sets the number of chunks: the size divided by <see cref="UpdateCodec.ChunkBytes"/>, rounded up.</summary>
        public int Chunks { get; set; }

        /// <summary>Gets or sets the SHA-256 of the whole image, 64 lower-case hex characters.</summary>
        public string Sha256 { get; set; }
    }
}
