using System.Collections;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// Encodes and decodes a locker's firmware progress reports (docs/protocol.md, "Progress").
    /// </summary>
    public static class ProgressCodec
    {
        /// <summary>The largest report accepted, in bytes.</summary>
        public const int MaxBytes = 384;

        /// <summary>
        /// Writes a signed report.
        /// </summary>
        /// <param name="device">The locker reporting.</param>
        /// <param name="progress">The report.</param>
        /// <param name="key">The device key.</param>
        /// <returns>UTF-8 JSON bytes.</returns>
        public static byte[] Encode(string device, UpdateProgress progress, byte[] key)
        {
            string json = new JsonBuilder()
                .Add("v", ProtocolVersion.Current)
                .Add("m", MessageKind.Progress)
                .Add("dev", device)
                .Add("run", progress.Running)
                .Add("state", progress.State)
                .Add("tgt", progress.Target)
                .Add("next", progress.Next)
                .Add("why", progress.Reason)
                .ToString();
            return SignedMessage.Sign(json, key);
        }

        /// <summary>
        /// Reads and verifies a report.
        /// </summary>
        /// <param name="payload">The received bytes.</param>
        /// <param name="device">The locker it must come from.</param>
        /// <param name="key">That locker's key.</param>
        /// <param name="progress">The report when valid.</param>
        /// <param name="reason">A <see cref="RejectReason"/> value when refused, otherwise null.</param>
        /// <returns>true when authentic and well formed.</returns>
        public static bool TryDecode(byte[] payload, string device, byte[] key, out UpdateProgress progress, out string reason)
        {
            progress = null;
            if (!SignedMessage.TryOpen(payload, MaxBytes, MessageKind.Progress, device, key, out Hashtable f, out reason))
            {
                return false;
            }

            if (!Fields.TryGetString(f, "run", out string running) || !UpdateCodec.IsValidVersion(running)
                || !Fields.TryGetString(f, "state", out string state) || !IsState(state)
                || !Fields.TryGetString(f, "tgt", out string target) || (target.Length != 0 && !UpdateCodec.IsValidVersion(target))
                || !Fields.TryGetLong(f, "next", 0, UpdateCodec.ChunkCount(UpdateCodec.MaxImageBytes), out long next)
                || !Fields.TryGetString(f, "why", out string why) || (why.Length != 0 && !Identifiers.IsValid(why)))
            {
                reason = RejectReason.BadField;
                return false;
            }

            progress = new UpdateProgress { Running = running, State = state, Target = target, Next = (int)next, Reason = why };
            return true;
        }

        private static bool IsState(string state)
        {
            return state == UpdateState.Idle || state == UpdateState.Receiving || state == UpdateState.Trial
                || state == UpdateState.Confirmed || state == UpdateState.Failed || state == UpdateState.RolledBack;
        }
    }
}
