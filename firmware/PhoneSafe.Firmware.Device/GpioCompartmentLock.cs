using System;
using System.Device.Gpio;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// Drives the compartment solenoids through logic-level MOSFETs: high = energised = unlocked.
    /// Compartments 1..n use ESP32 GPIOs; optional further compartments use MCP23017 pins.
    /// </summary>
    public sealed class GpioCompartmentLock : ICompartmentLock, IDisposable
    {
        private readonly GpioController _controller;
        private readonly int[] _pins;
        private readonly Mcp23017Bank _expander;
        private readonly int[] _expanderPins;
        private readonly bool _shouldDispose;

        /// <summary>
        /// Initializes a new instance of the <see cref="GpioCompartmentLock"/> class for ESP32 GPIOs only.
        /// All compartments start locked.
        /// </summary>
        /// <param name="controller">The shared GPIO controller.</param>
        /// <param name="pins">The gate GPIO of compartment 1, 2, ...</param>
        /// <param name="shouldDispose">true to dispose <paramref name="controller"/> with this object.</param>
        public GpioCompartmentLock(GpioController controller, int[] pins, bool shouldDispose = true)
            : this(controller, pins, null, null, shouldDispose)
        {
        }

        /// <summary>
        /// Initializes a new instance of the <see cref="GpioCompartmentLock"/> class with an expander for the
        /// compartments after the GPIO ones. All compartments start locked.
        /// </summary>
        /// <param name="controller">The shared GPIO controller.</param>
        /// <param name="pins">The gate GPIO of compartment 1, 2, ...</param>
        /// <param name="expander">The expander for the next compartments, or null.</param>
        /// <param name="expanderPins">The expander pin (0-15) of each further compartment, or null.</param>
        /// <param name="shouldDispose">true to dispose <paramref name="controller"/> with this object (the expander is not disposed).</param>
        public GpioCompartmentLock(GpioController controller, int[] pins, Mcp23017Bank expander, int[] expanderPins, bool shouldDispose = true)
        {
            _controller = controller ?? throw new ArgumentNullException(nameof(controller));
            _pins = pins ?? throw new ArgumentNullException(nameof(pins));
            _expander = expander;
            _expanderPins = expander == null || expanderPins == null ? new int[0] : expanderPins;
            _shouldDispose = shouldDispose;

            for (int i = 0; i < _pins.Length; i++)
            {
                _controller.OpenPin(_pins[i], PinMode.Output);
                _controller.Write(_pins[i], PinValue.Low);
            }

            for (int i = 0; i < _expanderPins.Length; i++)
            {
                _expander.ConfigureOutput(_expanderPins[i]);
            }
        }

        /// <summary>
        /// Gets the number of compartments (GPIO ones plus expander ones).
        /// </summary>
        public int CompartmentCount => _pins.Length + _expanderPins.Length;

        /// <summary>
        /// Energises the solenoid of a compartment.
        /// </summary>
        /// <param name="compartment">Compartment number, 1 to <see cref="CompartmentCount"/>.</param>
        public void Unlock(int compartment)
        {
            Set(compartment, true);
        }

        /// <summary>
        /// Releases the solenoid of a compartment.
        /// </summary>
        /// <param name="compartment">Compartment number, 1 to <see cref="CompartmentCount"/>.</param>
        public void Lock(int compartment)
        {
            Set(compartment, false);
        }

        /// <summary>
        /// Locks every compartment and closes the GPIOs.
        /// </summary>
        public void Dispose()
        {
            for (int compartment = 1; compartment <= CompartmentCount; compartment++)
            {
                Set(compartment, false);
            }

            for (int i = 0; i < _pins.Length; i++)
            {
                _controller.ClosePin(_pins[i]);
            }

            if (_shouldDispose)
            {
                _controller.Dispose();
            }
        }

        private void Set(int compartment, bool energised)
        {
            if (compartment < 1 || compartment > CompartmentCount)
            {
                throw new ArgumentOutOfRangeException(nameof(compartment));
            }

            int index = compartment - 1;
            if (index < _pins.Length)
            {
                _controller.Write(_pins[index], energised ? PinValue.High : PinValue.Low);
            }
            else
            {
                _expander.Write(_expanderPins[index - _pins.Length], energised);
            }
        }
    }
}
