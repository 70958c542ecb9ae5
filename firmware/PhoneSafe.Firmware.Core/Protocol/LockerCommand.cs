using System;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// A signed instruction from the gateway, valid until it expires.
    /// </summary>
    public sealed class LockerCommand
    {
        /// <summary>Gets or sets a unique command identifier (a locker runs each identifier at most once).</summary>
        public string Id { get; set; }

        /// <summary>Gets or sets the <see cref="CommandName"/> value.</summary>
        public string Name { get; set; }

        /// <summary>Gets or sets the compartment, or 0 when not applicable.</summary>
        public int Compartment { get; set; }

        /// <summary>Gets or sets the credential hash of whoever issued it in the console, or empty.</summary>
        public string Credential { get; set; }

        /// <summary>Gets or sets the credential hash of the pupil concerned, or empty.</summary>
        public string Subject { get; set; }

        /// <summary>Gets or sets the UTC time after which the locker must ignore the command.</summary>
        public DateTime ExpiresUtc { get; set; }
    }
}
