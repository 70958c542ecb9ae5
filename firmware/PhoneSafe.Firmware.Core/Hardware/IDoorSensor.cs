namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// The door switches (reed switches) of one locker unit.
    /// </summary>
    public interface IDoorSensor
    {
        /// <summary>
        /// Reads whether a compartment door is open now.
        /// </summary>
        /// <param name="compartment">Compartment number, 1 to the unit's compartment count.</param>
        /// <returns>true when the door is open.</returns>
        bool IsOpen(int compartment);
    }
}
