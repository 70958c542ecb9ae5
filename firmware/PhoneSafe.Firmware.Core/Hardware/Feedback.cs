namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// What the LEDs and buzzer tell the person at the locker.
    /// </summary>
    public enum Feedback
    {
        /// <summary>Nothing happening: LEDs off, buzzer silent.</summary>
        Idle,

        /// <summary>Badge accepted: green LED, one short beep.</summary>
        Granted,

        /// <summary>Badge refused: red LED, two short beeps.</summary>
        Denied,

        /// <summary>A door has been open too long: red LED flashing, repeated beeps.</summary>
        DoorOpen,

        /// <summary>The unit has a fault (reader, lock or storage): red LED steady.</summary>
        Fault,

        /// <summary>Enrolment mode: the next unknown card is reported, green and red LEDs alternate.</summary>
        Enrolment,

        /// <summary>Identify command: both LEDs flash together with a beep each second, so a technician can find the unit.</summary>
        Identify,
    }
}
