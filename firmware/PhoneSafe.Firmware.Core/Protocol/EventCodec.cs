using System.Collections;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Encodes and decodes event messages (docs/protocol.md, "Event").
    /// </summary>
    public static class EventCodec
    {
        /// <summary>The largest compartment number the protocol carries.</summary>
        public const int MaxCompartment = 64;

        /// <summary>
        /// Writes a signed event message.
        /// </summary>
        /// <param name="lockerEvent">The event.</param>
        /// <param name="key">The device key.</param>
        /// <returns>UTF-8 JSON bytes.</returns>
        public static byte[] Encode(LockerEvent lockerEvent, byte[] key)
        {
            JsonBuilder json = new JsonBuilder()
                .Add("v", ProtocolVersion.Current)
                .Add("m", MessageKind.Event)
                .Add("dev", lockerEvent.Device)
                .Add("boot", lockerEvent.Boot)
                .Add("seq", lockerEvent.Sequence)
                .Add("ts", IsoTime.Format(lockerEvent.TimestampUtc))
                .Add("sync", lockerEvent.TimeSynchronized)
                .Add("up", lockerEvent.UptimeMilliseconds)
                .Add("type", lockerEvent.Type)
                .Add("cmp", lockerEvent.Compartment)
                .Add("cred", lockerEvent.Credential)
                .Add("subj", lockerEvent.Subject);
            if (lockerEvent.ConfigVersion > 0)
            {
                json.Add("ver", lockerEvent.ConfigVersion);
            }

            return SignedMessage.Sign(json.ToString(), key);
        }

        /// <summary>
        /// Reads and verifies an event message.
        /// </summary>
        /// <param name="payload">The received bytes.</param>
        /// <param name="device">The device the topic belongs to.</param>
        /// <param name="key">That device's key.</param>
        /// <param name="lockerEvent">
        /// The event when it decoded; also set when only the type was unknown (reason <see cref="RejectReason.UnknownType"/>),
        /// so the message can be kept with its details.
        /// </param>
        /// <param name="reason">A <see cref="RejectReason"/> value when refused, otherwise null.</param>
        /// <returns>true when the event is authentic, well formed and of a known type.</returns>
        public static bool TryDecode(byte[] payload, string device, byte[] key, out LockerEvent lockerEvent, out string reason)
        {
            lockerEvent = null;
            if (!SignedMessage.TryOpen(payload, ProtocolVersion.MaxEventBytes, MessageKind.Event, device, key, out Hashtable f, out reason))
            {
                return false;
            }

            if (!Fields.TryGetLong(f, "boot", 0, uint.MaxValue, out long boot)
                || !Fields.TryGetLong(f, "seq", 1, long.MaxValue, out long sequence)
                || !Fields.TryGetString(f, "ts", out string timestamp)
                || !IsoTime.TryParse(timestamp, out System.DateTime utc)
                || !Fields.TryGetBool(f, "sync", out bool synchronized)
                || !Fields.TryGetLong(f, "up", 0, long.MaxValue, out long uptime)
                || !Fields.TryGetString(f, "type", out string type)
                || !Fields.TryGetLong(f, "cmp", 0, MaxCompartment, out long compartment)
                || !Fields.TryGetCredential(f, "cred", out string credential)
                || !Fields.TryGetCredential(f, "subj", out string subject)
                || (f.Contains("ver") && !Fields.TryGetLong(f, "ver", 1, long.MaxValue, out _)))
            {
                reason = RejectReason.BadField;
                return false;
            }

            lockerEvent = new LockerEvent
            {
                Device = device,
                Boot = boot,
                Sequence = sequence,
                TimestampUtc = utc,
                TimeSynchronized = synchronized,
                UptimeMilliseconds = uptime,
                Type = type,
                Compartment = (int)compartment,
                Credential = credential,
                Subject = subject,
            };
            if (Fields.TryGetLong(f, "ver", out long configVersion))
            {
                lockerEvent.ConfigVersion = configVersion;
            }

            if (!EventType.IsKnown(type))
            {
                reason = RejectReason.UnknownType;
                return false;
            }

            return true;
        }
    }
}
