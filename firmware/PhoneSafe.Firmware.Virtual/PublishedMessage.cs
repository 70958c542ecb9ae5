namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// A message a <see cref="MemoryLink"/> was asked to publish.
    /// </summary>
    public sealed class PublishedMessage
    {
        /// <summary>
        /// Initializes a new instance of the <see cref="PublishedMessage"/> class.
        /// </summary>
        /// <param name="topic">The topic.</param>
        /// <param name="payload">The payload.</param>
        /// <param name="retain">Whether it was retained.</param>
        public PublishedMessage(string topic, byte[] payload, bool retain)
        {
            Topic = topic;
            Payload = payload;
            Retain = retain;
        }

        /// <summary>Gets the topic.</summary>
        public string Topic { get; }

        /// <summary>Gets the payload.</summary>
        public byte[] Payload { get; }

        /// <summary>Gets a value indicating whether it was retained.</summary>
        public bool Retain { get; }
    }
}
