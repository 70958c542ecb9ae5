namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// A 13.56 MHz RFID reader that reports the UID of a card held to it.
    /// </summary>
    public interface IBadgeReader
    {
        /// <summary>
        /// Polls the reader once for a card in the field.
        /// </summary>
        /// <param name="uid">The card UID (4, 7 or 10 bytes) when a card is present, otherwise null.</param>
        /// <returns>true when a card was read.</returns>
        bool TryReadBadge(out byte[] uid);

        /// <summary>
        /// Checks that the reader still answers on its bus (for example by reading its version register).
        /// </summary>
        /// <returns>false when the reader has locked up and needs <see cref="Reset"/>.</returns>
        bool IsResponding();

        /// <summary>
        /// Re-initialises the reader after a lock-up (hardware reset pulse and register set-up).
        /// </summary>
        void Reset();
    }
}
