namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// The event types of protocol v1 (field "type"). Strings, not an enum, so they read the same on the wire,
    /// in the ledger and on nanoFramework (which cannot name enum values).
    /// </summary>
    public static class EventType
    {
        /// <summary>A phone was put into a compartment and the door closed.</summary>
        public const string Deposit = "deposit";

        /// <summary>A phone was taken out of a compartment and the door closed.</summary>
        public const string Retrieve = "retrieve";

        /// <summary>A door opened after an authorised unlock.</summary>
        public const string DoorOpened = "door-opened";

        /// <summary>A door closed.</summary>
        public const string DoorClosed = "door-closed";

        /// <summary>A door opened while its compartment was locked.</summary>
        public const string DoorForced = "door-forced";

        /// <summary>A door stayed open longer than the configured limit.</summary>
        public const string DoorLeftOpen = "door-left-open";

        /// <summary>A card was refused.</summary>
        public const string BadgeDenied = "badge-denied";

        /// <summary>The unit started (the boot counter went up).</summary>
        public const string Boot = "boot";

        /// <summary>The RFID reader stopped answering and was re-initialised.</summary>
        public const string ReaderFault = "reader-fault";

        /// <summary>A new configuration (allow-list, hours) was verified and applied.</summary>
        public const string ConfigApplied = "config-applied";

        /// <summary>The journal was full and unacknowledged events were overwritten.</summary>
        public const string JournalGap = "journal-gap";

        /// <summary>In enrolment mode, an unknown card was presented (its hash is in "cred").</summary>
        public const string CardPresented = "card-presented";

        /// <summary>A remote clear command put a faulted compartment (door forced, then checked by someone) back in service; "cred" is whoever issued it, or empty.</summary>
        public const string FaultCleared = "fault-cleared";

        /// <summary>A controller with no occupancy of its own took it from the gateway's restore message ("cmp" is 0).</summary>
        public const string StateRestored = "state-restored";

        /// <summary>A controller with no occupancy of its own got no restore message in time and went on with every compartment empty (a fault to check).</summary>
        public const string RestoreMissed = "restore-missed";

        // Append only: a type's position is its code in journal records kept in flash (and the number a locker flashes),
        // so existing entries never move; a new type goes at the end.
        private static readonly string[] s_all = new string[]
        {
            Deposit, Retrieve, DoorOpened, DoorClosed, DoorForced, DoorLeftOpen, BadgeDenied, Boot,
            ReaderFault, ConfigApplied, JournalGap, CardPresented, FaultCleared, StateRestored, RestoreMissed,
        };

        /// <summary>
        /// Tells whether a type is one of the v1 types.
        /// </summary>
        /// <param name="type">The type string.</param>
        /// <returns>true when known.</returns>
        public static bool IsKnown(string type)
        {
            return Code(type) >= 0;
        }

        /// <summary>
        /// Gets the compact number of a type, as stored in a journal record.
        /// </summary>
        /// <param name="type">The type string.</param>
        /// <returns>0 to 254, or -1 when unknown.</returns>
        public static int Code(string type)
        {
            for (int i = 0; i < s_all.Length; i++)
            {
                if (s_all[i] == type)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// Gets the type string of a compact number.
        /// </summary>
        /// <param name="code">The number from <see cref="Code"/>.</param>
        /// <returns>The type string, or null when out of range.</returns>
        public static string FromCode(int code)
        {
            return code >= 0 && code < s_all.Length ? s_all[code] : null;
        }
    }
}
