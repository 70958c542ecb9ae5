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
        private readonly CompartmentPins _gates;

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
            _gates = new CompartmentPins(controller, pins, expander, expanderPins, true, shouldDispose);
        }

        /// <summary>
        /// Gets the number of compartments (GPIO ones plus expander ones).
        /// </summary>
        public int CompartmentCount => _gates.Count;

        /// <summary>
        /// Energises the solenoid of a compartment.
        /// </summary>
        /// <param name="compartment">Compartment number, 1 to <see cref="CompartmentCount"/>.</param>
        public void Unlock(int compartment)
        {
            _gates.Write(compartment, true);
        }

        /// <summary>
        /// Releases the solenoid of a compartment.
        /// </summary>
        /// <param name="compartment">Compartment number, 1 to <see cref="CompartmentCount"/>.</param>
        public void Lock(int compartment)
        {
            _gates.Write(compartment, false);
        }

        /// <summary>
        /// Locks every compartment and closes the GPIOs.
        /// </summary>
        public void Dispose()
        {
            for (int compartment = 1; compartment <= CompartmentCount; compartment++)
            {
                _gates.Write(compartment, false);
            }

            _gates.Dispose();
        }
    }
}
