namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Version numbers and size limits of the locker protocol (docs/protocol.md).
    /// </summary>
    public static class ProtocolVersion
    {
        /// <summary>The protocol version this code writes and reads (field "v").</summary>
        public const int Current = 1;

        /// <summary>The largest event message accepted, in bytes. A v1 event is about 260 bytes.</summary>
        public const int MaxEventBytes = 1024;

        /// <summary>The largest configuration message accepted, in bytes (an allow-list of about 1,500 people).</summary>
        public const int MaxConfigBytes = 131072;
    }
}
