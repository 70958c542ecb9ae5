namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// What a locker did with a remote command.
    /// </summary>
    public sealed class CommandResult
    {
        /// <summary>Gets or sets the identifier of the command.</summary>
        public string Id { get; set; }

        /// <summary>Gets or sets a value indicating whether the command was carried out.</summary>
        public bool Executed { get; set; }

        /// <summary>Gets or sets why it was refused (1 to 32 characters of a-z, 0-9 and '-', such as "expired" or "in-use"), or empty when executed.</summary>
        public string Reason { get; set; }
    }
}
