using System.Collections;
using System.Text;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// The signed restore message: which compartments of a locker hold a phone according to the gateway's custody, and
    /// whose (the credential hash the locker keeps as the occupant: the pupil's at an office unit). Published retained
    /// on the locker's restore topic; a controller with no occupancy of its own applies it before unlocking anything.
    /// <c>{"v":1,"m":"restore","dev":"lk-101","occ":[{"cmp":3,"c":"&lt;hash&gt;"}],"mac":"…"}</c>
    /// </summary>
    public static class RestoreCodec
    {
        /// <summary>The largest restore message accepted, in bytes (64 compartments fit in about 3.5 KiB).</summary>
        public const int MaxBytes = 8192;

        /// <summary>
        /// Signs a restore message.
        /// </summary>
        /// <param name="device">Locker identifier.</param>
        /// <param name="occupants">Occupant credential hash per compartment (index = compartment - 1; empty = no phone).</param>
        /// <param name="key">The locker's device key.</param>
        /// <returns>The message bytes.</returns>
        public static byte[] Encode(string device, string[] occupants, byte[] key)
        {
            StringBuilder list = new StringBuilder("[");
            bool first = true;
            for (int i = 0; i < occupants.Length; i++)
            {
                if (occupants[i] == null || occupants[i].Length == 0)
                {
                    continue;
                }

                list.Append(first ? string.Empty : ",");
                list.Append(new JsonBuilder().Add("cmp", i + 1).Add("c", occupants[i]).ToString());
                first = false;
            }

            string json = new JsonBuilder()
                .Add("v", ProtocolVersion.Current)
                .Add("m", MessageKind.Restore)
                .Add("dev", device)
                .AddRaw("occ", list.Append(']').ToString())
                .ToString();
            return SignedMessage.Sign(json, key);
        }

        /// <summary>
        /// Verifies and reads a restore message.
        /// </summary>
        /// <param name="payload">The received bytes.</param>
        /// <param name="device">This locker's identifier.</param>
        /// <param name="key">This locker's device key.</param>
        /// <param name="occupants">Occupant credential hash per compartment, <see cref="EventCodec.MaxCompartment"/> entries (index = compartment - 1; empty = no phone).</param>
        /// <param name="reason">Why it was refused, or null.</param>
        /// <returns>true when authentic and well formed.</returns>
        public static bool TryDecode(byte[] payload, string device, byte[] key, out string[] occupants, out string reason)
        {
            occupants = null;
            if (!SignedMessage.TryOpen(payload, MaxBytes, MessageKind.Restore, device, key, out Hashtable f, out reason))
            {
                return false;
            }

            reason = RejectReason.BadField;
            if (!(f["occ"] is ArrayList list))
            {
                return false;
            }

            string[] result = new string[EventCodec.MaxCompartment];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = string.Empty;
            }

            for (int i = 0; i < list.Count; i++)
            {
                if (!(list[i] is Hashtable item)
                    || !Fields.TryGetLong(item, "cmp", 1, EventCodec.MaxCompartment, out long compartment)
                    || !Fields.TryGetCredential(item, "c", out string credential)
                    || credential.Length == 0)
                {
                    return false;
                }

                result[compartment - 1] = credential;
            }

            occupants = result;
            reason = null;
            return true;
        }
    }
}
