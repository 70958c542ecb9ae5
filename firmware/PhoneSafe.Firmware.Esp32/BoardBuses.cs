namespace PhoneSafe.Firmware.Esp32
{
    /// <summary>
    /// Bus numbers, bus devices and expander pin assignments of the locker controller board
    /// (hardware/locker-unit/pinmap.json, "i2cDevices").
    /// </summary>
    public static class BoardBuses
    {
        /// <summary>nanoFramework SPI bus of the reader (SPI1 functions are muxed onto VSPI pins).</summary>
        public const int ReaderSpiBus = 1;

        /// <summary>Reader SPI clock in hertz (the MFRC522 allows up to 10 MHz).</summary>
        public const int ReaderSpiClockHertz = 5_000_000;

        /// <summary>nanoFramework I2C bus of the expanders and the real-time clock (I2C1 functions muxed onto I2cData/I2cClock).</summary>
        public const int I2cBus = 1;

        /// <summary>I2C address of the DS3231 real-time clock (fixed by the part).</summary>
        public const int RtcAddress = 0x68;

        /// <summary>I2C address of the MCP23017 driving locks 5-16.</summary>
        public const int LockExpanderAddress = 0x20;

        /// <summary>I2C address of the MCP23017 reading doors 5-16.</summary>
        public const int DoorExpanderAddress = 0x21;

        /// <summary>Compartments wired to ESP32 GPIOs; the rest are on the expanders.</summary>
        public const int OnboardCompartments = 4;

        /// <summary>Lock expander pins of compartments 5-16: GPA0-GPA7, GPB0-GPB3.</summary>
        public static readonly int[] ExpanderLockPins = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };

        /// <summary>Door expander pins of compartments 5-16: GPA0-GPA5, GPB0-GPB5 (GPA7/GPB7 are output-only).</summary>
        public static readonly int[] ExpanderDoorPins = { 0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13 };

        /// <summary>Gets the lock GPIOs of compartments 1-4.</summary>
        public static int[] LockPins => new int[] { BoardPins.Lock1, BoardPins.Lock2, BoardPins.Lock3, BoardPins.Lock4 };

        /// <summary>Gets the door GPIOs of compartments 1-4.</summary>
        public static int[] DoorPins => new int[] { BoardPins.Door1, BoardPins.Door2, BoardPins.Door3, BoardPins.Door4 };
    }
}
