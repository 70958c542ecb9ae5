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
            AssignedTo = string.Empty;
            ActingCredential = string.Empty;
            ActingSubject = string.Empty;
        }

        /// <summary>Gets the compartment number, from 1.</summary>
        public int Number { get; }

        /// <summary>Gets or sets the current state.</summary>
        public CompartmentState State { get; set; }

        /// <summary>Gets or sets the credential hash of whose phone is inside (a member of staff, or a pupil at the office unit), or empty.</summary>
        public string Occupant { get; set; }

        /// <summary>Gets or sets the credential hash the allow-list reserves this compartment for, or empty.</summary>
        public string AssignedTo { get; set; }

        /// <summary>Gets or sets the credential hash that unlocked it, while unlocked or open.</summary>
        public string ActingCredential { get; set; }

        /// <summary>Gets or sets the pupil's credential hash of an office intake or release, while unlocked or open; otherwise empty.</summary>
        public string ActingSubject { get; set; }

        /// <summary>Gets or sets a value indicating whether the current unlock is a service unlock (remote command), which clears a fault.</summary>
        public bool IsServiceUnlock { get; set; }

        /// <summary>Gets or sets a value indicating whether the compartment is out of service after a forced opening.</summary>
        public bool IsFaulted { get; set; }

        /// <summary>Gets or sets the uptime (ms) of the last state change.</summary>
        public long SinceMilliseconds { get; set; }

        /// <summary>Gets or sets a value indicating whether the current door opening was already reported as left open.</summary>
        public bool LeftOpenReported { get; set; }

        /// <summary>Gets whose phone the current unlock is for: the pupil of an office intake or release, otherwise whoever unlocked it.</summary>
        public string ActingOwner => ActingSubject.Length != 0 ? ActingSubject : ActingCredential;

        /// <summary>Gets a value indicating whether a phone is inside.</summary>
        public bool IsOccupied => Occupant.Length != 0;

        /// <summary>Gets a value indicating whether the door is closed and the solenoid released (Free, Assigned, Occupied or Fault).</summary>
        public bool IsAtRest => State == CompartmentState.Free || State == CompartmentState.Assigned
            || State == CompartmentState.Occupied || State == CompartmentState.Fault;

        /// <summary>
        /// Gets the state a closed, locked compartment is in: Fault, Occupied, Assigned or Free, in that order.
        /// </summary>
        public CompartmentState RestState
        {
            get
            {
                if (IsFaulted)
                {
                    return CompartmentState.Fault;
                }

                if (IsOccupied)
                {
                    return CompartmentState.Occupied;
                }

                return AssignedTo.Length != 0 ? CompartmentState.Assigned : CompartmentState.Free;
            }
        }
    }
}
