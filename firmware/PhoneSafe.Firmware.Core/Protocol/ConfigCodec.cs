using System.Collections;
using System.Text;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Encodes and decodes locker configuration messages (docs/protocol.md, "Config").
    /// </summary>
    public static class ConfigCodec
    {
        /// <summary>
        /// Writes a signed configuration message.
        /// </summary>
        /// <param name="device">The locker it is for.</param>
        /// <param name="config">The configuration.</param>
        /// <param name="key">The device key.</param>
        /// <returns>UTF-8 JSON bytes.</returns>
        public static byte[] Encode(string device, LockerConfig config, byte[] key)
        {
            StringBuilder allow = new StringBuilder("[");
            for (int i = 0; i < config.Allow.Count; i++)
            {
                AllowEntry entry = (AllowEntry)config.Allow[i];
                allow.Append(i == 0 ? string.Empty : ",");
                JsonBuilder item = new JsonBuilder().Add("c", entry.Credential).Add("r", entry.Role).Add("cmp", entry.Compartment);
                if (entry.Previous != null && entry.Previous.Length != 0)
                {
                    item.Add("p", entry.Previous);
                }

                allow.Append(item.ToString());
            }

            StringBuilder windows = new StringBuilder("[");
            for (int i = 0; i < config.ContactWindows.Count; i++)
            {
                ContactWindow window = (ContactWindow)config.ContactWindows[i];
                windows.Append(i == 0 ? string.Empty : ",");
                windows.Append(new JsonBuilder().Add("d", window.Weekday).Add("from", window.StartMinute).Add("to", window.EndMinute).ToString());
            }

            string json = new JsonBuilder()
                .Add("v", ProtocolVersion.Current)
                .Add("m", MessageKind.Config)
                .Add("dev", device)
                .Add("ver", config.Version)
                .Add("unlock", config.UnlockSeconds)
                .Add("leftOpen", config.LeftOpenSeconds)
                .Add("utcOffset", config.UtcOffsetMinutes)
                .AddRaw("contact", windows.Append(']').ToString())
                .AddRaw("allow", allow.Append(']').ToString())
                .ToString();
            return SignedMessage.Sign(json, key);
        }

        /// <summary>
        /// Reads and verifies a configuration message.
        /// </summary>
        /// <param name="payload">The received bytes.</param>
        /// <param name="device">This device's identifier.</param>
        /// <param name="key">This device's key.</param>
        /// <param name="config">The configuration when valid.</param>
        /// <param name="reason">A <see cref="RejectReason"/> value when refused, otherwise null.</param>
        /// <returns>true when authentic and well formed.</returns>
        public static bool TryDecode(byte[] payload, string device, byte[] key, out LockerConfig config, out string reason)
        {
            config = null;
            if (!SignedMessage.TryOpen(payload, ProtocolVersion.MaxConfigBytes, MessageKind.Config, device, key, out Hashtable f, out reason))
            {
                return false;
            }

            reason = RejectReason.BadField;
            LockerConfig result = new LockerConfig();
            if (!Fields.TryGetLong(f, "ver", 1, long.MaxValue, out long version)
                || !Fields.TryGetLong(f, "unlock", 3, 60, out long unlock)
                || !Fields.TryGetLong(f, "leftOpen", 10, 3600, out long leftOpen)
                || !Fields.TryGetLong(f, "utcOffset", -720, 840, out long offset)
                || !(f["contact"] is ArrayList contact)
                || !(f["allow"] is ArrayList allow))
            {
                return false;
            }

            result.Version = version;
            result.UnlockSeconds = (int)unlock;
            result.LeftOpenSeconds = (int)leftOpen;
            result.UtcOffsetMinutes = (int)offset;
            for (int i = 0; i < contact.Count; i++)
            {
                if (!(contact[i] is Hashtable item)
                    || !Fields.TryGetLong(item, "d", 1, 7, out long day)
                    || !Fields.TryGetLong(item, "from", 0, 1439, out long from)
                    || !Fields.TryGetLong(item, "to", from + 1, 1440, out long to))
                {
                    return false;
                }

                result.ContactWindows.Add(new ContactWindow { Weekday = (int)day, StartMinute = (int)from, EndMinute = (int)to });
            }

            for (int i = 0; i < allow.Count; i++)
            {
                if (!(allow[i] is Hashtable item)
                    || !Fields.TryGetCredential(item, "c", out string credential)
                    || credential.Length == 0
                    || !Fields.TryGetString(item, "r", out string role)
                    || !Roles.IsKnown(role)
                    || !Fields.TryGetLong(item, "cmp", 0, EventCodec.MaxCompartment, out long compartment))
                {
                    return false;
                }

                string previous = string.Empty;
                if (item.Contains("p") && (!Fields.TryGetCredential(item, "p", out previous) || previous == credential))
                {
                    return false;
                }

                result.Allow.Add(new AllowEntry { Credential = credential, Role = role, Compartment = (int)compartment, Previous = previous });
            }

            config = result;
            reason = null;
            return true;
        }
    }
}
