using System.Collections;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// Settings kept in RAM; survives a virtual reboot because the same instance is handed to the new controller.
    /// </summary>
    public sealed class MemorySettingsStore : ISettingsStore
    {
        private readonly Hashtable _values = new Hashtable();

        /// <summary>Gets how many writes were made.</summary>
        public int WriteCount { get; private set; }

        /// <inheritdoc/>
        public byte[] Read(string name)
        {
            byte[] value = (byte[])_values[name];
            return value == null ? null : (byte[])value.Clone();
        }

        /// <inheritdoc/>
        public void Write(string name, byte[] data)
        {
            WriteCount++;
            _values[name] = data.Clone();
        }
    }
}
