using System;
using System.Device.Gpio;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// One pin per compartment: compartments 1..n on ESP32 GPIOs, then optional further compartments on MCP23017
    /// pins. Shared by the lock outputs and the door inputs so both map compartments to pins the same way.
    /// </summary>
    internal sealed class CompartmentPins : IDisposable
    {
        private readonly GpioController _controller;
        private readonly int[] _pins;
        private readonly Mcp23017Bank _expander;
        private readonly int[] _expanderPins;
        private readonly bool _shouldDispose;

        /// <summary>
        /// Opens every pin as an output (driven low) or as a plain input.
        /// </summary>
        /// <param name="controller">The shared GPIO controller.</param>
        /// <param name="pins">The GPIO of compartment 1, 2, ...</param>
        /// <param name="expander">The expander for the next compartments, or null.</param>
        /// <param name="expanderPins">The expander pin (0-15) of each further compartment, or null.</param>
        /// <param name="output">true for outputs, false for inputs.</param>
        /// <param name="shouldDispose">true to dispose <paramref name="controller"/> with this object (the expander is not disposed).</param>
        public CompartmentPins(GpioController controller, int[] pins, Mcp23017Bank expander, int[] expanderPins, bool output, bool shouldDispose)
        {
            _controller = controller ?? throw new ArgumentNullException(nameof(controller));
            _pins = pins ?? throw new ArgumentNullException(nameof(pins));
            _expander = expander;
            _expanderPins = expander == null || expanderPins == null ? new int[0] : expanderPins;
            _shouldDispose = shouldDispose;

            for (int i = 0; i < _pins.Length; i++)
            {
                _controller.OpenPin(_pins[i], output ? PinMode.Output : PinMode.Input);
                if (output)
                {
                    _controller.Write(_pins[i], PinValue.Low);
                }
            }

            for (int i = 0; i < _expanderPins.Length; i++)
            {
                if (output)
                {
                    _expander.ConfigureOutput(_expanderPins[i]);
                }
                else
                {
                    _expander.ConfigureInput(_expanderPins[i]);
                }
            }
        }

        /// <summary>Gets the number of compartments (GPIO ones plus expander ones).</summary>
        public int Count => _pins.Length + _expanderPins.Length;

        /// <summary>Drives a compartment's pin.</summary>
        /// <param name="compartment">Compartment number, 1 to <see cref="Count"/>.</param>
        /// <param name="high">true for high.</param>
        public void Write(int compartment, bool high)
        {
            int index = IndexOf(compartment);
            if (index < _pins.Length)
            {
                _controller.Write(_pins[index], high ? PinValue.High : PinValue.Low);
            }
            else
            {
                _expander.Write(_expanderPins[index - _pins.Length], high);
            }
        }

        /// <summary>Reads a compartment's pin.</summary>
        /// <param name="compartment">Compartment number, 1 to <see cref="Count"/>.</param>
        /// <returns>true when high.</returns>
        public bool Read(int compartment)
        {
            int index = IndexOf(compartment);
            return index < _pins.Length
                ? _controller.Read(_pins[index]) == PinValue.High
                : _expander.Read(_expanderPins[index - _pins.Length]);
        }

        /// <summary>Closes the GPIOs (and the controller when this object owns it).</summary>
        public void Dispose()
        {
            for (int i = 0; i < _pins.Length; i++)
            {
                _controller.ClosePin(_pins[i]);
            }

            if (_shouldDispose)
            {
                _controller.Dispose();
            }
        }

        private int IndexOf(int compartment)
        {
            if (compartment < 1 || compartment > Count)
            {
                throw new ArgumentOutOfRangeException(nameof(compartment));
            }

            return compartment - 1;
        }
    }
}
