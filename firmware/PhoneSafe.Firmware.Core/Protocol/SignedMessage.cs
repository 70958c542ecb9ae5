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

            // Strict UTF-8 first: a decoder would otherwise replace bad bytes, and the text read (and stored) would
            // differ from the bytes signed.
            if (!IsUtf8(payload))
            {
                reason = RejectReason.Malformed;
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

        /// <summary>
        /// Tells whether bytes are well-formed UTF-8 (RFC 3629: shortest form, no surrogates, at most U+10FFFF).
        /// </summary>
        /// <param name="data">The bytes.</param>
        /// <returns>true when they are.</returns>
        public static bool IsUtf8(byte[] data)
        {
            int i = 0;
            while (i < data.Length)
            {
                int b = data[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int count;
                int min = 0x80;
                int max = 0xBF;
                if (b >= 0xC2 && b <= 0xDF)
                {
                    count = 1;
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    count = 2;
                    min = b == 0xE0 ? 0xA0 : 0x80;
                    max = b == 0xED ? 0x9F : 0xBF;
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    count = 3;
                    min = b == 0xF0 ? 0x90 : 0x80;
                    max = b == 0xF4 ? 0x8F : 0xBF;
                }
                else
                {
                    return false;
                }

                if (i + count >= data.Length)
                {
                    return false;
                }

                // The first continuation byte has the narrowed range; the others any continuation value.
                if (data[i + 1] < min || data[i + 1] > max)
                {
                    return false;
                }

                for (int k = 2; k <= count; k++)
                {
                    if (data[i + k] < 0x80 || data[i + k] > 0xBF)
                    {
                        return false;
                    }
                }

                i += count + 1;
            }

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
