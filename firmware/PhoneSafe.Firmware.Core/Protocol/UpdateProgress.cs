namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// A locker's report on its firmware: the version it runs and where an update stands.
    /// </summary>
    public sealed class UpdateProgress
    {
        /// <summary>Gets or sets the firmware version running now.</summary>
        public string Running { get; set; }

        /// <summary>Gets or sets the state, an <see cref="UpdateState"/> value.</summary>
        public string State { get; set; }

        /// <summary>Gets or sets the version the state is about (being received, on trial, failed), or empty when idle.</summary>
        public string Target { get; set; }

        /// <summary>Gets or sets the next chunk wanted while receiving (the number received so far), otherwise 0.</summary>
        public int Next { get; set; }

        /// <summary>Gets or sets why an update failed (<see cref="UpdateState.Failed"/>), otherwise empty.</summary>
        public string Reason { get; set; }
    }
}
