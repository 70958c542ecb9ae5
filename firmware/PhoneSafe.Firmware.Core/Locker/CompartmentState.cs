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

        /// <summary>Door open without an unlock (forced), until it closes; the compartment then goes to <see cref="Fault"/>.</summary>
        ForcedOpen,

        /// <summary>Locked, door closed, no phone, reserved for one credential by the allow-list.</summary>
        Assigned,

        /// <summary>
        /// Locked, door closed, out of service after a forced opening: not offered as a free compartment; its occupant
        /// can still take their phone out. Cleared by a signed unlock command (a member of staff has checked it).
        /// </summary>
        Fault,
    }
}
