using System.Collections;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Encodes and decodes command results (docs/protocol.md, "Result"): the locker tells the gateway whether it carried
    /// out a command, or why not.
    /// </summary>
    public static class ResultCodec
    {
        /// <summary>The largest result accepted, in bytes.</summary>
        public const int MaxBytes = 256;

        /// <summary>
        /// Writes a signed result.
        /// </summary>
        /// <param name="device">The locker that ran (or refused) the command.</param>
        /// <param name="result">The result.</param>
        /// <param name="key">The device key.</param>
        /// <returns>UTF-8 JSON bytes.</returns>
        public static byte[] Encode(string device, CommandResult result, byte[] key)
        {
            string json = new JsonBuilder()
                .Add("v", ProtocolVersion.Current)
                .Add("m", MessageKind.Result)
                .Add("dev", device)
                .Add("id", result.Id)
                .Add("ok", result.Executed)
                .Add("why", result.Reason)
                .ToString();
            return SignedMessage.Sign(json, key);
        }

        /// <summary>
        /// Reads and verifies a result.
        /// </summary>
        /// <param name="payload">The received bytes.</param>
        /// <param name="device">The locker it must come from.</param>
        /// <param name="key">That locker's key.</param>
        /// <param name="result">The result when valid.</param>
        /// <param name="reason">A <see cref="RejectReason"/> value when refused, otherwise null.</param>
        /// <returns>true when authentic and well formed.</returns>
        public static bool TryDecode(byte[] payload, string device, byte[] key, out CommandResult result, out string reason)
        {
            result = null;
            if (!SignedMessage.TryOpen(payload, MaxBytes, MessageKind.Result, device, key, out Hashtable f, out reason))
            {
                return false;
            }

            if (!Fields.TryGetString(f, "id", out string id) || !Identifiers.IsValid(id)
                || !Fields.TryGetBool(f, "ok", out bool executed)
                || !Fields.TryGetString(f, "why", out string why)
                || (executed ? why.Length != 0 : !Identifiers.IsValid(why)))
            {
                reason = RejectReason.BadField;
                return false;
            }

            result = new CommandResult { Id = id, Executed = executed, Reason = why };
            return true;
        }
    }
}
