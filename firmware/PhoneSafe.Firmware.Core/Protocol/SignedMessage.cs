using System.Collections;
using System.Text;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Signs and opens protocol messages. A signed message is a JSON object whose last property is
    /// "mac": the HMAC-SHA256, in lower-case hex, of the exact bytes of the same object without that property.
    /// </summary>
    public static class SignedMessage
    {
        private const string MacPrefix = ",\"mac\":\"";

        // ,"mac":" + 64 hex + "}
        private const int SuffixLength = 8 + 64 + 2;

        /// <summary>
        /// Appends the "mac" property to an unsigned JSON object.
        /// </summary>
        /// <param name="unsignedJson">A JSON object with at least one property, as written by <see cref="JsonBuilder"/>.</param>
        /// <param name="key">The device key.</param>
        /// <returns>The signed message as UTF-8 bytes.</returns>
        public static byte[] Sign(string unsignedJson, byte[] key)
        {
            byte[] body = Encoding.UTF8.GetBytes(unsignedJson);
            string mac = Hex.Encode(HmacSha256.Compute(key, body));
            return Encoding.UTF8.GetBytes(unsignedJson.Substring(0, unsignedJson.Length - 1) + MacPrefix + mac + "\"}");
        }

        /// <summary>
        /// Checks size, JSON shape, version, kind, device and tag of a message, in that order.
        /// </summary>
        /// <param name="payload">The received bytes.</param>
        /// <param name="maxBytes">The largest size accepted for this kind.</param>
        /// <param name="kind">The expected <see cref="MessageKind"/>.</param>
        /// <param name="device">The device the topic belongs to.</param>
        /// <param name="key">The device key.</param>
        /// <param name="fields">The message properties when the message opened.</param>
        /// <param name="reason">A <see cref="RejectReason"/> value when it did not.</param>
        /// <returns>true when the message is authentic and addressed to this device and kind.</returns>
        public static bool TryOpen(byte[] payload, int maxBytes, string kind, string device, byte[] key, out Hashtable fields, out string reason)
        {
            fields = null;
            if (payload == null || payload.Length > maxBytes)
            {
                reason = RejectReason.Oversized;
                return false;
            }

            string text = Encoding.UTF8.GetString(payload, 0, payload.Length);
            if (!Json.TryParse(text, out object parsed, out _) || !(parsed is Hashtable))
            {
                reason = RejectReason.Malformed;
                return false;
            }

            Hashtable table = (Hashtable)parsed;
            if (!Fields.TryGetLong(table, "v", out long version) || version != ProtocolVersion.Current)
            {
                reason = RejectReason.UnsupportedVersion;
                return false;
            }

            if (!Fields.TryGetString(table, "m", out string actualKind) || actualKind != kind)
            {
                reason = RejectReason.WrongKind;
                return false;
            }

            if (!Fields.TryGetString(table, "dev", out string actualDevice) || actualDevice != device)
            {
                reason = RejectReason.DeviceMismatch;
                return false;
            }

            if (!HasValidTag(payload, key))
            {
                reason = RejectReason.BadMac;
                return false;
            }

            fields = table;
            reason = null;
            return true;
        }

        private static bool HasValidTag(byte[] payload, byte[] key)
        {
            int length = payload.Length;
            if (length <= SuffixLength + 2 || payload[length - 1] != (byte)'}' || payload[length - 2] != (byte)'"')
            {
                return false;
            }

            int macStart = length - SuffixLength;
            for (int i = 0; i < MacPrefix.Length; i++)
            {
                if (payload[macStart + i] != (byte)MacPrefix[i])
                {
                    return false;
                }
            }

            string macText = Encoding.UTF8.GetString(payload, macStart + MacPrefix.Length, 64);
            if (!Hex.IsLowerHex(macText, 64) || !Hex.TryDecode(macText, out byte[] tag))
            {
                return false;
            }

            byte[] body = new byte[macStart + 1];
            System.Array.Copy(payload, body, macStart);
            body[macStart] = (byte)'}';
            return HmacSha256.FixedTimeEquals(HmacSha256.Compute(key, body), tag);
        }
    }
}
