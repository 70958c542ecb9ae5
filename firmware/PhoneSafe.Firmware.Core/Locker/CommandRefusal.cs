namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// Why an authentic command was not run (see <see cref="CommandHandler.LastRefusal"/>); a command that fails
    /// to decode is refused with its <see cref="Protocol.RejectReason"/> instead.
    /// </summary>
    public static class CommandRefusal
    {
        /// <summary>A command with this identifier was already run (each identifier runs at most once).</summary>
        public const string AlreadyRun = "already-run";

        /// <summary>The clock is not synchronised, so the expiry cannot be checked.</summary>
        public const string ClockNotSynchronized = "clock-not-synchronized";

        /// <summary>The command expired before it arrived.</summary>
        public const string Expired = "expired";

        /// <summary>The locker has no compartment with that number.</summary>
        public const string NoSuchCompartment = "no-such-compartment";

        /// <summary>The compartment is unlocked or open for someone now.</summary>
        public const string InUse = "in-use";

        /// <summary>A clear command for a compartment that is not out of service.</summary>
        public const string NotFaulted = "not-faulted";

        /// <summary>An office intake for a pupil who already has a phone inside, or with no usable compartment.</summary>
        public const string NoCompartment = "no-compartment";

        /// <summary>An office release for a pupil with no phone inside (or not in that compartment), or in use.</summary>
        public const string NoPhone = "no-phone";

        /// <summary>A replacement controller has not yet learnt from the gateway which compartments hold a phone.</summary>
        public const string AwaitingRestore = "awaiting-restore";
    }
}
