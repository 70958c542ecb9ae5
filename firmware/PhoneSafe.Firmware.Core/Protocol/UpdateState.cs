namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// The states a locker reports in <see cref="UpdateProgress.State"/>, and the reasons of a failed update.
    /// </summary>
    public static class UpdateState
    {
        /// <summary>No update under way; running the version reported.</summary>
        public const string Idle = "idle";

        /// <summary>Receiving the target version; the next chunk wanted is reported.</summary>
        public const string Receiving = "receiving";

        /// <summary>Running the target version on trial: it is kept only once the gateway confirms it.</summary>
        public const string Trial = "trial";

        /// <summary>The target version was confirmed and is kept.</summary>
        public const string Confirmed = "confirmed";

        /// <summary>The target version was received but refused (see <see cref="UpdateProgress.Reason"/>); nothing changed.</summary>
        public const string Failed = "failed";

        /// <summary>The target version ran on trial, was not confirmed in time, and the locker went back to the previous one.</summary>
        public const string RolledBack = "rolled-back";

        /// <summary>Failure reason: the image's SHA-256 differs from the manifest's.</summary>
        public const string BadHash = "bad-hash";

        /// <summary>Failure reason: the image is not a firmware image (<see cref="FirmwareImage"/>).</summary>
        public const string BadImage = "bad-image";
    }
}
