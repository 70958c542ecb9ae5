namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// One credential the locker accepts without asking the gateway.
    /// </summary>
    public sealed class AllowEntry
    {
        /// <summary>Gets or sets the credential hash (32 hex characters).</summary>
        public string Credential { get; set; }

        /// <summary>Gets or sets the <see cref="Roles"/> value.</summary>
        public string Role { get; set; }

        /// <summary>Gets or sets the assigned compartment, or 0 to use any free one.</summary>
        public int Compartment { get; set; }

        /// <summary>
        /// Gets or sets the credential hash of the card this one replaces (lost or broken, revoked), or empty: the new
        /// card opens the compartment still holding the phone deposited with the old one.
        /// </summary>
        public string Previous { get; set; }
    }
}
