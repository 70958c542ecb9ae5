using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// Solenoids and doors of a virtual unit. A door can be opened by hand only while its solenoid is
    /// energised, unless forced.
    /// </summary>
    public sealed class VirtualCompartments : ICompartmentLock, IDoorSensor
    {
        private readonly bool[] _unlocked;
        private readonly bool[] _open;

        /// <summary>
        /// Initializes a new instance of the <see cref="VirtualCompartments"/> class.
        /// </summary>
        /// <param name="count">Number of compartments (4 to 16).</param>
        public VirtualCompartments(int count)
        {
            _unlocked = new bool[count];
            _open = new bool[count];
        }

        /// <inheritdoc/>
        public int CompartmentCount => _unlocked.Length;

        /// <summary>Gets how many times any solenoid was energised.</summary>
        public int UnlockCount { get; private set; }

        /// <inheritdoc/>
        public void Unlock(int compartment)
        {
            _unlocked[compartment - 1] = true;
            UnlockCount++;
        }

        /// <inheritdoc/>
        public void Lock(int compartment)
        {
            _unlocked[compartment - 1] = false;
        }

        /// <inheritdoc/>
        public bool IsOpen(int compartment)
        {
            return _open[compartment - 1];
        }

        /// <summary>
        /// Tells whether a solenoid is energised now.
        /// </summary>
        /// <param name="compartment">Compartment number, from 1.</param>
        /// <returns>true when unlocked.</returns>
        public bool IsUnlocked(int compartment)
        {
            return _unlocked[compartment - 1];
        }

        /// <summary>
        /// Pulls a door: it opens only when unlocked.
        /// </summary>
        /// <param name="compartment">Compartment number, from 1.</param>
        /// <returns>true when the door opened.</returns>
        public bool TryOpen(int compartment)
        {
            if (_unlocked[compartment - 1])
            {
                _open[compartment - 1] = true;
            }

            return _open[compartment - 1];
        }

        /// <summary>
        /// Forces a door open whatever the lock does.
        /// </summary>
        /// <param name="compartment">Compartment number, from 1.</param>
        public void Force(int compartment)
        {
            _open[compartment - 1] = true;
        }

        /// <summary>
        /// Pushes a door shut.
        /// </summary>
        /// <param name="compartment">Compartment number, from 1.</param>
        public void Close(int compartment)
        {
            _open[compartment - 1] = false;
        }
    }
}
