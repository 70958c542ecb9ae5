using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// Remembers the last feedback shown, and the watchdog feeds.
    /// </summary>
    public sealed class VirtualIndicator : IIndicator, IWatchdog
    {
        /// <summary>Gets the last feedback shown.</summary>
        public Feedback Last { get; private set; }

        /// <summary>Gets how many times the watchdog was fed.</summary>
        public long Feeds { get; private set; }

        /// <inheritdoc/>
        public void Show(Feedback feedback)
        {
            Last = feedback;
        }

        /// <inheritdoc/>
        public void Feed()
        {
            Feeds++;
        }
    }
}
