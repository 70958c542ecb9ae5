using System;
using System.Device.Gpio;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// Reads the door reed switches: each input has an external pull-up, the closed reed pulls it low,
    /// so high = door open. Compartments 1..n use ESP32 GPIOs; optional further ones use MCP23017 pins.
    /// </summary>
    /// <remarks>Debouncing is left to the caller (the core polls).</remarks>
    public sealed class GpioDoorSensor : IDoorSensor, IDisposable
    {
        private readonly GpioController _controller;
        private readonly int[] _pins;
        private readonly Mcp23017Bank _expander;
        private readonly int[] _expanderPins;
        private readonly bool _shouldDispose;

        /// <summary>
        /// Initializes a new instance of the <see cref="GpioDoorSensor"/> class for ESP32 GPIOs only.
        /// </summary>
        /// <param name="controller">The shared GPIO controller.</param>
        /// <param name="pins">The reed-switch GPIO of compartment 1, 2, ...</param>
        /// <param name="shouldDispose">true to dispose <paramref name="controller"/> with this object.</param>
        public GpioDoorSensor(GpioController controller, int[] pins, bool shouldDispose = true)
            : this(controller, pins, null, null, shouldDispose)
        {
        }

        /// <summary>
        /// Initializes a new instance of the <see cref="GpioDoorSensor"/> class with an expander for the
        /// compartments after the GPIO ones.
        /// </summary>
        /// <param name="controller">The shared GPIO controller.</param>
        /// <param name="pins">The reed-switch GPIO of compartment 1, 2, ...</param>
        /// <param name="expander">The expander for the next compartments, or null.</param>
        /// <param name="expanderPins">The expander pin (0-15) of each further compartment, or null.</param>
        /// <param name="shouldDispose">true to dispose <paramref name="controller"/> with this object (the expander is not disposed).</param>
        public GpioDoorSensor(GpioController controller, int[] pins, Mcp23017Bank expander, int[] expanderPins, bool shouldDispose = true)
        {
            _controller = controller ?? throw new ArgumentNullException(nameof(controller));
            _pins = pins ?? throw new ArgumentNullException(nameof(pins));
            _expander = expander;
            _expanderPins = expander == null || expanderPins == null ? new int[0] : expanderPins;
            _shouldDispose = shouldDispose;

            // Plain input: GPIO34-39 have no internal pulls, the board fits 10 kOhm pull-ups.
            for (int i = 0; i < _pins.Length; i++)
            {
                _controller.OpenPin(_pins[i], PinMode.Input);
            }

            for (int i = 0; i < _expanderPins.Length; i++)
            {
                _expander.ConfigureInput(_expanderPins[i]);
            }
        }

        /// <summary>
        /// Gets the number of doors (GPIO ones plus expander ones).
        /// </summary>
        public int DoorCount => _pins.Length + _expanderPins.Length;

        /// <summary>
        /// Reads whether a compartment door is open now.
        /// </summary>
        /// <param name="compartment">Compartment number, 1 to <see cref="DoorCount"/>.</param>
        /// <returns>true when the input is high (reed open).</returns>
        public bool IsOpen(int compartment)
        {
            if (compartment < 1 || compartment > DoorCount)
            {
                throw new ArgumentOutOfRangeException(nameof(compartment));
            }

            int index = compartment - 1;
            if (index < _pins.Length)
            {
                return _controller.Read(_pins[index]) == PinValue.High;
            }

            return _expander.Read(_expanderPins[index - _pins.Length]);
        }

        /// <summary>
        /// Closes the GPIOs.
        /// </summary>
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
    }
}
