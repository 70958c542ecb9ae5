using System;

namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// Thrown by virtual hardware to stop the core where a real power cut would.
    /// </summary>
    public sealed class PowerCutException : Exception
    {
        /// <summary>Initializes a new instance of the <see cref="PowerCutException"/> class.</summary>
        public PowerCutException()
            : base("power cut")
        {
        }
    }
}
