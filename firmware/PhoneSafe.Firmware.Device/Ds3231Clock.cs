using System;
using System.Device.I2c;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Time;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// The DS3231 battery-backed real-time clock on the I2C bus, kept in UTC (24-hour mode).
    /// </summary>
    public sealed class Ds3231Clock : IRealTimeClock, IDisposable
    {
        /// <summary>The DS3231's fixed I2C address.</summary>
        public const int DefaultAddress = 0x68;

        // Data sheet, status register: OSF (bit 7) is set at first power-up and whenever the oscillator stopped
        // (both supplies lost); it stays set until cleared.
        private const byte OscillatorStopFlag = 0x80;

        private readonly I2cDevice _device;
        private readonly byte[] _address = new byte[1];
        private readonly byte[] _status = new byte[1];
        private readonly byte[] _time = new byte[RtcRegisters.Length];
        private readonly byte[] _write = new byte[1 + RtcRegisters.Length];

        /// <summary>
        /// Initializes a new instance of the <see cref="Ds3231Clock"/> class.
        /// </summary>
        /// <param name="device">The I2C device at <see cref="DefaultAddress"/>; disposed with this object.</param>
        public Ds3231Clock(I2cDevice device)
        {
            _device = device ?? throw new ArgumentNullException(nameof(device));
        }

        /// <summary>
        /// Reads the time.
        /// </summary>
        /// <param name="utc">The time kept, in UTC, when the read succeeded.</param>
        /// <returns>false when the clock does not answer, its oscillator stopped (flat battery) or the registers are invalid.</returns>
        public bool TryRead(out DateTime utc)
        {
            utc = DateTime.MinValue;
            return TryReadRegisters(Ds3231Register.Status, _status)
                && (_status[0] & OscillatorStopFlag) == 0
                && TryReadRegisters(Ds3231Register.Seconds, _time)
                && RtcRegisters.TryDecode(_time, 0, out utc);
        }

        /// <summary>
        /// Sets the time and clears the oscillator-stop flag.
        /// </summary>
        /// <param name="utc">The time, in UTC (2000 to 2199); fractions of a second are dropped.</param>
        /// <returns>false when the clock does not answer or the year is out of range.</returns>
        public bool TryWrite(DateTime utc)
        {
            _write[0] = (byte)Ds3231Register.Seconds;
            if (!RtcRegisters.TryEncode(utc, _write, 1) || !IsComplete(_device.Write(_write)))
            {
                return false;
            }

            if (!TryReadRegisters(Ds3231Register.Status, _status))
            {
                return false;
            }

            byte[] clear = new byte[] { (byte)Ds3231Register.Status, (byte)(_status[0] & ~OscillatorStopFlag) };
            return IsComplete(_device.Write(clear));
        }

        /// <summary>
        /// Releases the I2C device.
        /// </summary>
        public void Dispose()
        {
            _device.Dispose();
        }

        private static bool IsComplete(I2cTransferResult result)
        {
            return result.Status == I2cTransferStatus.FullTransfer;
        }

        private bool TryReadRegisters(Ds3231Register first, byte[] buffer)
        {
            _address[0] = (byte)first;
            return IsComplete(_device.WriteRead(_address, buffer));
        }
    }
}
