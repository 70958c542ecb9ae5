namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Why a message was refused. The same words are stored with quarantined messages and counted by the gateway.
    /// </summary>
    public static class RejectReason
    {
        /// <summary>The message is larger than the protocol allows.</summary>
        public const string Oversized = "oversized";

        /// <summary>The message is not valid JSON or not a JSON object.</summary>
        public const string Malformed = "malformed";

        /// <summary>The message declares a protocol version this code does not read.</summary>
        public const string UnsupportedVersion = "unsupported-version";

        /// <summary>The message kind (field "m") is not the one expected on this topic.</summary>
        public const string WrongKind = "wrong-kind";

        /// <summary>The device named in the message is not the one the topic belongs to.</summary>
        public const string DeviceMismatch = "device-mismatch";

        /// <summary>The topic names a device that is not registered.</summary>
        public const string UnknownDevice = "unknown-device";

        /// <summary>The HMAC tag is missing or does not match the device key.</summary>
        public const string BadMac = "bad-mac";

        /// <summary>A required field is missing or has the wrong type or range.</summary>
        public const string BadField = "bad-field";

        /// <summary>The event type is not one this version knows.</summary>
        public const string UnknownType = "unknown-type";

        /// <summary>The sequence number was already accepted with different content.</summary>
        public const string Replayed = "replayed";

        /// <summary>
        /// The gateway dropped the message because its locker (as named by the topic) sent far more than any real locker
        /// does. Counted only: never quarantined and never acknowledged, so a genuine locker resends it later.
        /// </summary>
        public const string RateLimited = "rate-limited";

        /// <summary>The topic does not follow the protocol's topic layout.</summary>
        public const string BadTopic = "bad-topic";
    }
}
