using System.Collections;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// The configuration the gateway publishes (retained) to a locker.
    /// </summary>
    public sealed class LockerConfig
    {
        /// <summary>Initializes a new instance of the <see cref="LockerConfig"/> class with defaults.</summary>
        public LockerConfig()
        {
            UnlockSeconds = 10;
            LeftOpenSeconds = 120;
            Allow = new ArrayList();
            ContactWindows = new ArrayList();
        }

        /// <summary>Gets or sets the configuration version; a locker applies only a higher version than it has.</summary>
        public long Version { get; set; }

        /// <summary>Gets or sets how long a compartment stays unlocked waiting for its door to open, in seconds (3 to 60).</summary>
        public int UnlockSeconds { get; set; }

        /// <summary>Gets or sets after how many seconds an open door is reported as left open (10 to 3600).</summary>
        public int LeftOpenSeconds { get; set; }

        /// <summary>Gets or sets the school's offset from UTC in minutes on the day issued (the gateway republishes on clock changes).</summary>
        public int UtcOffsetMinutes { get; set; }

        /// <summary>Gets the accepted credentials, <see cref="AllowEntry"/> items.</summary>
        public ArrayList Allow { get; private set; }

        /// <summary>Gets the contact windows, <see cref="ContactWindow"/> items.</summary>
        public ArrayList ContactWindows { get; private set; }
    }
}
