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

        /// <summary>The command cannot be carried out now (no such compartment, door in use, no phone to release...).</summary>
        public const string NotPossible = "not-possible";
    }
}
