namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// A period of a weekday in which staff are in contact with children (school local time).
    /// </summary>
    public sealed class ContactWindow
    {
        /// <summary>Gets or sets the ISO weekday: 1 = Monday to 7 = Sunday.</summary>
        public int Weekday { get; set; }

        /// <summary>Gets or sets the start, in minutes after local midnight (0 to 1439).</summary>
        public int StartMinute { get; set; }

        /// <summary>Gets or sets the end, in minutes after local midnight (exclusive, 1 to 1440).</summary>
        public int EndMinute { get; set; }
    }
}
