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
        private readonly CompartmentPins _reeds;

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
            // Plain input: GPIO34-39 have no internal pulls, the board fits 10 kOhm pull-ups.
            _reeds = new CompartmentPins(controller, pins, expander, expanderPins, false, shouldDispose);
        }

        /// <summary>
        /// Gets the number of doors (GPIO ones plus expander ones).
        /// </summary>
        public int DoorCount => _reeds.Count;

        /// <summary>
        /// Reads whether a compartment door is open now.
        /// </summary>
        /// <param name="compartment">Compartment number, 1 to <see cref="DoorCount"/>.</param>
        /// <returns>true when the input is high (reed open).</returns>
        public bool IsOpen(int compartment) => _reeds.Read(compartment);

        /// <summary>
        /// Closes the GPIOs.
        /// </summary>
        public void Dispose()
        {
            _reeds.Dispose();
        }
    }
}
