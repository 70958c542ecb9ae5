namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// Where a compartment is in its cycle.
    /// </summary>
    public enum CompartmentState
    {
        /// <summary>Locked, door closed, no phone.</summary>
        Free,

        /// <summary>Locked, door closed, a phone inside.</summary>
        Occupied,

        /// <summary>Solenoid energised after an authorised tap; waiting for the door to open.</summary>
        UnlockedAwaitingOpen,

        /// <summary>Door open after an authorised unlock.</summary>
        Open,

        /// <summary>Door open without an unlock (forced), until it closes.</summary>
        ForcedOpen,
    }
}
