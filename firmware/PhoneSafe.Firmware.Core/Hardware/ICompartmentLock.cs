namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// The solenoid locks of one locker unit.
    /// </summary>
    public interface ICompartmentLock
    {
        /// <summary>
        /// Gets the number of compartments this unit drives (4 to 16).
        /// </summary>
        int CompartmentCount { get; }

        /// <summary>
        /// Energises the solenoid of a compartment so its door can be opened.
        /// </summary>
        /// <param name="compartment">Compartment number, 1 to <see cref="CompartmentCount"/>.</param>
        void Unlock(int compartment);

        /// <summary>
        /// Releases the solenoid of a compartment so its door latches when closed.
        /// </summary>
        /// <param name="compartment">Compartment number, 1 to <see cref="CompartmentCount"/>.</param>
        void Lock(int compartment);
    }
}
