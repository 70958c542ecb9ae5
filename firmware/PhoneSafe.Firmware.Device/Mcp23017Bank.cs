using System;
using Iot.Device.Mcp23xxx;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// The 16 I/O pins of one MCP23017 used as plain digital pins: 0-7 are GPA0-GPA7, 8-15 are GPB0-GPB7.
    /// </summary>
    /// <remarks>
    /// The nanoFramework binding keeps its pin methods protected, so this class drives the IODIR, OLAT and GPIO
    /// registers through the binding's public register API.
    /// </remarks>
    public sealed class Mcp23017Bank : IDisposable
    {
        /// <summary>The number of pins on an MCP23017.</summary>
        public const int PinCount = 16;

        private readonly Mcp23017 _device;
        private readonly object _sync = new object();

        /// <summary>
        /// Initializes a new instance of the <see cref="Mcp23017Bank"/> class.
        /// </summary>
        /// <param name="device">The expander (created on its I2C device). Disposed with this object.</param>
        public Mcp23017Bank(Mcp23017 device)
        {
            _device = device ?? throw new ArgumentNullException(nameof(device));
        }

        /// <summary>
        /// Makes a pin an output driven low.
        /// </summary>
        /// <param name="pin">Pin number, 0 to 15.</param>
        public void ConfigureOutput(int pin)
        {
            Write(pin, false);
            SetRegisterBit(Register.IODIR, pin, false);
        }

        /// <summary>
        /// Makes a pin an input (power-on state).
        /// </summary>
        /// <param name="pin">Pin number, 0 to 15.</param>
        public void ConfigureInput(int pin)
        {
            SetRegisterBit(Register.IODIR, pin, true);
        }

        /// <summary>
        /// Sets the output latch of a pin.
        /// </summary>
        /// <param name="pin">Pin number, 0 to 15.</param>
        /// <param name="high">true to drive the pin high.</param>
        public void Write(int pin, bool high)
        {
            SetRegisterBit(Register.OLAT, pin, high);
        }

        /// <summary>
        /// Reads the level on a pin.
        /// </summary>
        /// <param name="pin">Pin number, 0 to 15.</param>
        /// <returns>true when the pin is high.</returns>
        public bool Read(int pin)
        {
            CheckPin(pin);
            lock (_sync)
            {
                byte port = _device.ReadByte(Register.GPIO, PortOf(pin));
                return (port & MaskOf(pin)) != 0;
            }
        }

        /// <summary>
        /// Releases the expander and its I2C device.
        /// </summary>
        public void Dispose()
        {
            _device.Dispose();
        }

        private static Port PortOf(int pin) => pin < 8 ? Port.PortA : Port.PortB;

        private static byte MaskOf(int pin) => (byte)(1 << (pin % 8));

        private static void CheckPin(int pin)
        {
            if (pin < 0 || pin >= PinCount)
            {
                throw new ArgumentOutOfRangeException(nameof(pin));
            }
        }

        private void SetRegisterBit(Register register, int pin, bool set)
        {
            CheckPin(pin);
            lock (_sync)
            {
                Port port = PortOf(pin);
                byte value = _device.ReadByte(register, port);
                value = set ? (byte)(value | MaskOf(pin)) : (byte)(value & ~MaskOf(pin));
                _device.WriteByte(register, value, port);
            }
        }
    }
}
