namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// The state of one compartment.
    /// </summary>
    public sealed class Compartment
    {
        /// <summary>Initializes a new instance of the <see cref="Compartment"/> class.</summary>
        /// <param name="number">Compartment number, from 1.</param>
        public Compartment(int number)
        {
            Number = number;
            Occupant = string.Empty;
            ActingCredential = string.Empty;
        }

        /// <summary>Gets the compartment number, from 1.</summary>
        public int Number { get; }

        /// <summary>Gets or sets the current state.</summary>
        public CompartmentState State { get; set; }

        /// <summary>Gets or sets the credential hash of whose phone is inside, or empty.</summary>
        public string Occupant { get; set; }

        /// <summary>Gets or sets the credential hash that unlocked it, while unlocked or open.</summary>
        public string ActingCredential { get; set; }

        /// <summary>Gets or sets the uptime (ms) of the last state change.</summary>
        public long SinceMilliseconds { get; set; }

        /// <summary>Gets or sets a value indicating whether the current door opening was already reported as left open.</summary>
        public bool LeftOpenReported { get; set; }

        /// <summary>Gets a value indicating whether a phone is inside.</summary>
        public bool IsOccupied => Occupant.Length != 0;
    }
}
