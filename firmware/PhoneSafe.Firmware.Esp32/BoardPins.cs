namespace PhoneSafe.Firmware.Esp32
{
    /// <summary>
    /// ESP32 GPIO numbers of the locker controller board. Must match hardware/locker-unit/pinmap.json
    /// (hardware/check-pinmap.py compares the two).
    /// </summary>
    public static class BoardPins
    {
        /// <summary>VSPI clock to the MFRC522 reader.</summary>
        public const int SpiClock = 18;

        /// <summary>VSPI data in from the MFRC522 reader.</summary>
        public const int SpiMiso = 19;

        /// <summary>VSPI data out to the MFRC522 reader.</summary>
        public const int SpiMosi = 23;

        /// <summary>MFRC522 chip select (active low).</summary>
        public const int ReaderChipSelect = 5;

        /// <summary>MFRC522 NRSTPD (low = reset).</summary>
        public const int ReaderReset = 4;

        /// <summary>I2C data to the MCP23017 expanders.</summary>
        public const int I2cData = 21;

        /// <summary>I2C clock to the MCP23017 expanders.</summary>
        public const int I2cClock = 22;

        /// <summary>Solenoid MOSFET gate of compartment 1 (high = unlocked).</summary>
        public const int Lock1 = 25;

        /// <summary>Solenoid MOSFET gate of compartment 2 (high = unlocked).</summary>
        public const int Lock2 = 26;

        /// <summary>Solenoid MOSFET gate of compartment 3 (high = unlocked).</summary>
        public const int Lock3 = 27;

        /// <summary>Solenoid MOSFET gate of compartment 4 (high = unlocked).</summary>
        public const int Lock4 = 32;

        /// <summary>Reed switch of compartment 1 (input-only, external pull-up, high = open).</summary>
        public const int Door1 = 34;

        /// <summary>Reed switch of compartment 2 (input-only, external pull-up, high = open).</summary>
        public const int Door2 = 35;

        /// <summary>Reed switch of compartment 3 (input-only, external pull-up, high = open).</summary>
        public const int Door3 = 36;

        /// <summary>Reed switch of compartment 4 (input-only, external pull-up, high = open).</summary>
        public const int Door4 = 39;

        /// <summary>Green status LED (high = on).</summary>
        public const int LedGreen = 14;

        /// <summary>Red status LED (high = on).</summary>
        public const int LedRed = 33;

        /// <summary>Active buzzer transistor (high = sound).</summary>
        public const int Buzzer = 13;
    }
}
