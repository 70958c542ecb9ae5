using System.Collections;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Encodes and decodes remote commands (docs/protocol.md, "Command").
    /// </summary>
    public static class CommandCodec
    {
        /// <summary>The largest command accepted, in bytes.</summary>
        public const int MaxBytes = 512;

        /// <summary>
        /// Writes a signed command.
        /// </summary>
        /// <param name="device">The locker it is for.</param>
        /// <param name="command">The command.</param>
        /// <param name="key">The device key.</param>
        /// <returns>UTF-8 JSON bytes.</returns>
        public static byte[] Encode(string device, LockerCommand command, byte[] key)
        {
            string json = new JsonBuilder()
                .Add("v", ProtocolVersion.Current)
                .Add("m", MessageKind.Command)
                .Add("dev", device)
                .Add("id", command.Id)
                .Add("cmd", command.Name)
                .Add("cmp", command.Compartment)
                .Add("cred", command.Credential)
                .Add("subj", command.Subject)
                .Add("exp", IsoTime.Format(command.ExpiresUtc))
                .ToString();
            return SignedMessage.Sign(json, key);
        }

        /// <summary>
        /// Reads and verifies a command. Expiry is checked by the caller against its clock.
        /// </summary>
        /// <param name="payload">The received bytes.</param>
        /// <param name="device">This device's identifier.</param>
        /// <param name="key">This device's key.</param>
        /// <param name="command">The command when valid.</param>
        /// <param name="reason">A <see cref="RejectReason"/> value when refused, otherwise null.</param>
        /// <returns>true when authentic and well formed.</returns>
        public static bool TryDecode(byte[] payload, string device, byte[] key, out LockerCommand command, out string reason)
        {
            command = null;
            if (!SignedMessage.TryOpen(payload, MaxBytes, MessageKind.Command, device, key, out Hashtable f, out reason))
            {
                return false;
            }

            if (!Fields.TryGetString(f, "id", out string id) || !Identifiers.IsValid(id)
                || !Fields.TryGetString(f, "cmd", out string name) || !CommandName.IsKnown(name)
                || !Fields.TryGetLong(f, "cmp", 0, EventCodec.MaxCompartment, out long compartment)
                || !Fields.TryGetCredential(f, "cred", out string credential)
                || !Fields.TryGetCredential(f, "subj", out string subject)
                || !Fields.TryGetString(f, "exp", out string expires)
                || !IsoTime.TryParse(expires, out System.DateTime expiresUtc))
            {
                reason = RejectReason.BadField;
                return false;
            }

            command = new LockerCommand
            {
                Id = id,
                Name = name,
                Compartment = (int)compartment,
                Credential = credential,
                Subject = subject,
                ExpiresUtc = expiresUtc,
            };
            return true;
        }
    }
}
