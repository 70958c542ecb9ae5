namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// DS3231 register addresses used by <see cref="Ds3231Clock"/> (data sheet, "Timekeeping Registers" table).
    /// </summary>
    public enum Ds3231Register : byte
    {
        /// <summary>00h: seconds, the first of the seven timekeeping registers (00h-06h).</summary>
        Seconds = 0x00,

        /// <summary>0Fh: status; bit 7 (OSF) is set when the oscillator stopped, so the time is not valid.</summary>
        Status = 0x0F,
    }
}
