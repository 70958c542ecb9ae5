using System.Collections;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Encodes and decodes acknowledgements: the gateway's signed statement that every event of a device
    /// up to and including a sequence number is durably stored, so the device may drop them from flash.
    /// </summary>
    public static class AckCodec
    {
        /// <summary>The largest acknowledgement accepted, in bytes.</summary>
        public const int MaxBytes = 256;

        /// <summary>
        /// Writes a signed acknowledgement.
        /// </summary>
        /// <param name="device">The device acknowledged.</param>
        /// <param name="sequence">The highest sequence number stored with no gap below it.</param>
        /// <param name="key">The device key.</param>
        /// <returns>UTF-8 JSON bytes.</returns>
        public static byte[] Encode(string device, long sequence, byte[] key)
        {
            string json = new JsonBuilder()
                .Add("v", ProtocolVersion.Current)
                .Add("m", MessageKind.Ack)
                .Add("dev", device)
                .Add("seq", sequence)
                .ToString();
            return SignedMessage.Sign(json, key);
        }

        /// <summary>
        /// Reads and verifies an acknowledgement.
        /// </summary>
        /// <param name="payload">The received bytes.</param>
        /// <param name="device">This device's identifier.</param>
        /// <param name="key">This device's key.</param>
        /// <param name="sequence">The acknowledged sequence number.</param>
        /// <param name="reason">A <see cref="RejectReason"/> value when refused, otherwise null.</param>
        /// <returns>true when authentic and well formed.</returns>
        public static bool TryDecode(byte[] payload, string device, byte[] key, out long sequence, out string reason)
        {
            sequence = 0;
            if (!SignedMessage.TryOpen(payload, MaxBytes, MessageKind.Ack, device, key, out Hashtable f, out reason))
            {
                return false;
            }

            if (!Fields.TryGetLong(f, "seq", 0, long.MaxValue, out sequence))
            {
                reason = RejectReason.BadField;
                return false;
            }

            return true;
        }
    }
}
