using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// The hardware of one locker unit, as the board project (or the simulator) wires it.
    /// </summary>
    public sealed class LockerHardware
    {
        /// <summary>Gets or sets the RFID reader.</summary>
        public IBadgeReader Reader { get; set; }

        /// <summary>Gets or sets the compartment solenoids.</summary>
        public ICompartmentLock Locks { get; set; }

        /// <summary>Gets or sets the door switches.</summary>
        public IDoorSensor Doors { get; set; }

        /// <summary>Gets or sets the clock.</summary>
        public IClock Clock { get; set; }

        /// <summary>Gets or sets the flash region for the event journal.</summary>
        public IJournalStore JournalStorage { get; set; }

        /// <summary>Gets or sets the store for counters and configuration.</summary>
        public ISettingsStore Settings { get; set; }

        /// <summary>Gets or sets the LEDs and buzzer.</summary>
        public IIndicator Indicator { get; set; }

        /// <summary>Gets or sets the MQTT link.</summary>
        public IMessageLink Link { get; set; }

        /// <summary>Gets or sets the firmware image slots and boot record (over-the-air updates).</summary>
        public IFirmwareStorage Firmware { get; set; }

        /// <summary>Gets or sets the watchdog.</summary>
        public IWatchdog Watchdog { get; set; }
    }
}
