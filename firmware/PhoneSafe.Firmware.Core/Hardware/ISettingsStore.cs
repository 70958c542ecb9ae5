namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// Small named values kept across reboots (boot counter, acknowledged sequence, configuration).
    /// </summary>
    public interface ISettingsStore
    {
        /// <summary>
        /// Reads a value.
        /// </summary>
        /// <param name="name">Value name, ASCII letters and digits.</param>
        /// <returns>The stored bytes, or null when the value was never written.</returns>
        byte[] Read(string name);

        /// <summary>
        /// Replaces a value atomically: after a power cut either the old or the new bytes are read.
        /// </summary>
        /// <param name="name">Value name, ASCII letters and digits.</param>
        /// <param name="data">The bytes to store.</param>
        void Write(string name, byte[] data);
    }
}
