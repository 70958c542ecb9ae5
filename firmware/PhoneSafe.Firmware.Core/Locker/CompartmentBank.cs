using System.Text;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// The compartments of one unit and their state machine:
    /// Free / Assigned / Occupied / Fault (at rest) -> UnlockedAwaitingOpen -> Open -> at rest again, and
    /// at rest -> ForcedOpen -> Fault when a door opens while locked. Occupants and faults are kept in flash.
    /// </summary>
    public sealed class CompartmentBank
    {
        /// <summary>The settings name of the compartment occupants (credential hashes, comma separated, "!" marks a fault).</summary>
        public const string OccupantsSetting = "occupants";

        private const char FaultMark = '!';

        private readonly Compartment[] _compartments;
        private readonly ICompartmentLock _locks;
        private readonly IDoorSensor _doors;
        private readonly ISettingsStore _store;
        private readonly EventRecorder _recorder;
        private readonly Signals _signals;
        private long _restoreDeadline;

        /// <summary>
        /// Initializes a new instance of the <see cref="CompartmentBank"/> class, all compartments Free.
        /// </summary>
        /// <param name="locks">The solenoids.</param>
        /// <param name="doors">The door switches.</param>
        /// <param name="store">Where occupants and faults are kept.</param>
        /// <param name="recorder">Where events go.</param>
        /// <param name="signals">The LEDs and buzzer.</param>
        public CompartmentBank(ICompartmentLock locks, IDoorSensor doors, ISettingsStore store, EventRecorder recorder, Signals signals)
        {
            _locks = locks;
            _doors = doors;
            _store = store;
            _recorder = recorder;
            _signals = signals;
            _compartments = new Compartment[locks.CompartmentCount];
            for (int i = 0; i < _compartments.Length; i++)
            {
                _compartments[i] = new Compartment(i + 1);
            }
        }

        /// <summary>Gets the number of compartments.</summary>
        public int Count => _compartments.Length;

        /// <summary>Gets a value indicating whether any compartment is out of service.</summary>
        public bool AnyFault
        {
            get
            {
                for (int i = 0; i < _compartments.Length; i++)
                {
                    if (_compartments[i].IsFaulted)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// Gets a compartment.
        /// </summary>
        /// <param name="number">Compartment number, 1 to <see cref="Count"/>.</param>
        /// <returns>The compartment.</returns>
        public Compartment Get(int number)
        {
            return _compartments[number - 1];
        }

        /// <summary>
        /// Gets a value indicating whether the bank has no occupancy of its own and waits for the gateway's restore
        /// message (<see cref="AwaitRestore"/>): until then nothing is unlocked, since any compartment may hold a phone.
        /// </summary>
        public bool AwaitingRestore { get; private set; }

        /// <summary>
        /// Reads occupants and faults back from flash, puts every compartment at rest and locks it.
        /// </summary>
        /// <returns>true when occupancy was saved in flash; false for a controller that never had any (new or replaced).</returns>
        public bool Restore()
        {
            byte[] saved = _store.Read(OccupantsSetting);
            string[] entries = saved == null ? new string[0] : Encoding.UTF8.GetString(saved, 0, saved.Length).Split(',');
            for (int i = 0; i < _compartments.Length; i++)
            {
                Compartment compartment = _compartments[i];
                string entry = i < entries.Length ? entries[i] : string.Empty;
                compartment.IsFaulted = entry.Length > 0 && entry[0] == FaultMark;
                string occupant = compartment.IsFaulted ? entry.Substring(1) : entry;
                compartment.Occupant = Hex.IsLowerHex(occupant, CredentialHash.Length) ? occupant : string.Empty;
                compartment.ActingCredential = string.Empty;
                compartment.ActingSubject = string.Empty;
                compartment.IsServiceUnlock = false;
                Enter(compartment, compartment.RestState, 0);
                _locks.Lock(compartment.Number);
            }

            return saved != null;
        }

        /// <summary>
        /// Starts waiting for the gateway's restore message, until a deadline.
        /// </summary>
        /// <param name="deadlineMilliseconds">Uptime after which the bank goes on with every compartment empty (<see cref="CheckRestoreDeadline"/>).</param>
        public void AwaitRestore(long deadlineMilliseconds)
        {
            AwaitingRestore = true;
            _restoreDeadline = deadlineMilliseconds;
        }

        /// <summary>
        /// Takes occupancy from the gateway's restore message (only while <see cref="AwaitingRestore"/>), saves it and
        /// records <see cref="EventType.StateRestored"/>.
        /// </summary>
        /// <param name="occupants">Occupant credential hash per compartment (index = compartment - 1; empty = no phone).</param>
        public void ApplyRestore(string[] occupants)
        {
            for (int i = 0; i < _compartments.Length; i++)
            {
                Compartment compartment = _compartments[i];
                compartment.Occupant = i < occupants.Length ? occupants[i] : string.Empty;
                compartment.State = compartment.RestState;
            }

            EndAwaitingRestore(EventType.StateRestored);
        }

        /// <summary>
        /// Ends the wait for a restore message once its deadline has passed: every compartment is taken as empty, which
        /// is recorded as a fault (<see cref="EventType.RestoreMissed"/>) for someone to check the cabinet.
        /// </summary>
        /// <param name="nowMilliseconds">Uptime now.</param>
        public void CheckRestoreDeadline(long nowMilliseconds)
        {
            if (AwaitingRestore && nowMilliseconds >= _restoreDeadline)
            {
                EndAwaitingRestore(EventType.RestoreMissed);
            }
        }

        private void EndAwaitingRestore(string type)
        {
            AwaitingRestore = false;
            Save();
            _recorder.Record(type, 0, string.Empty, string.Empty);
        }

        /// <summary>
        /// Applies the newest journal event to the restored occupants and faults, in case the power was cut after the
        /// event reached flash and before the occupants were saved (a door closing is recorded first, then saved).
        /// Every change of occupant or fault is recorded as exactly one event before it is saved, so re-applying the
        /// newest one is harmless when it was saved already.
        /// </summary>
        /// <param name="newest">The newest event in the journal, or null.</param>
        /// <returns>true when it changed something (and the result was saved).</returns>
        public bool Reconcile(LockerEvent newest)
        {
            if (newest == null || newest.Compartment < 1 || newest.Compartment > _compartments.Length)
            {
                return false;
            }

            Compartment compartment = _compartments[newest.Compartment - 1];
            string occupant = compartment.Occupant;
            bool faulted = compartment.IsFaulted;
            if (newest.Type == EventType.Deposit)
            {
                string holder = newest.Subject.Length != 0 ? newest.Subject : newest.Credential;
                if (Hex.IsLowerHex(holder, CredentialHash.Length))
                {
                    compartment.Occupant = holder;
                }
            }
            else if (newest.Type == EventType.Retrieve)
            {
                compartment.Occupant = string.Empty;
            }
            else if (newest.Type == EventType.DoorClosed)
            {
                // Closed after being forced (no credential): faulted; closed after a service unlock: fault cleared.
                compartment.IsFaulted = newest.Credential.Length == 0;
            }
            else if (newest.Type == EventType.FaultCleared)
            {
                compartment.IsFaulted = false;
                if (newest.Subject.Length != 0 && compartment.Occupant == newest.Subject)
                {
                    compartment.Occupant = string.Empty;
                }
            }

            if (compartment.Occupant == occupant && compartment.IsFaulted == faulted)
            {
                return false;
            }

            Enter(compartment, compartment.RestState, 0);
            Save();
            return true;
        }

        /// <summary>
        /// Takes the compartment reservations from a newly applied allow-list; compartments at rest move between Free and Assigned.
        /// </summary>
        /// <param name="allowList">The allow-list in force.</param>
        public void ApplyAssignments(AllowList allowList)
        {
            for (int i = 0; i < _compartments.Length; i++)
            {
                Compartment compartment = _compartments[i];
                compartment.AssignedTo = allowList.AssignedTo(compartment.Number);
                if (compartment.IsAtRest)
                {
                    compartment.State = compartment.RestState;
                }
            }
        }

        /// <summary>
        /// Finds the compartment holding someone's phone.
        /// </summary>
        /// <param name="credential">The occupant's credential hash.</param>
        /// <returns>The compartment, or null.</returns>
        public Compartment FindOccupiedBy(string credential)
        {
            for (int i = 0; i < _compartments.Length; i++)
            {
                if (_compartments[i].Occupant == credential)
                {
                    return _compartments[i];
                }
            }

            return null;
        }

        /// <summary>
        /// Finds the compartment holding someone's phone, deposited with their card or with the card it replaced.
        /// </summary>
        /// <param name="credential">The occupant's credential hash.</param>
        /// <param name="previous">The credential hash of the card it replaced, or empty.</param>
        /// <returns>The compartment, or null.</returns>
        public Compartment FindOccupiedBy(string credential, string previous)
        {
            Compartment own = FindOccupiedBy(credential);
            return own == null && previous != null && previous.Length != 0 ? FindOccupiedBy(previous) : own;
        }

        /// <summary>
        /// Puts a compartment back in service (a clear command once someone has checked it) and records it; when the
        /// phone recorded inside is named, the compartment is emptied too (it was taken out without the locker).
        /// </summary>
        /// <param name="compartment">A compartment at rest.</param>
        /// <param name="credential">Credential hash of whoever issued the command, or empty.</param>
        /// <param name="emptied">The occupant the compartment no longer holds, or empty to keep the occupant.</param>
        public void ClearFault(Compartment compartment, string credential, string emptied)
        {
            _recorder.Record(EventType.FaultCleared, compartment.Number, credential, emptied);
            compartment.IsFaulted = false;
            if (emptied.Length != 0 && compartment.Occupant == emptied)
            {
                compartment.Occupant = string.Empty;
            }

            Save();
            Enter(compartment, compartment.RestState, compartment.SinceMilliseconds);
            _signals.Rest();
        }

        /// <summary>
        /// Tells whether someone's phone is inside a compartment or on its way in or out of one.
        /// </summary>
        /// <param name="credential">The credential hash whose phone it is (the pupil's at the office unit).</param>
        /// <returns>true when a compartment holds it or is unlocked or open for it.</returns>
        public bool Holds(string credential)
        {
            for (int i = 0; i < _compartments.Length; i++)
            {
                Compartment compartment = _compartments[i];
                if (compartment.Occupant == credential
                    || (!compartment.IsAtRest && !compartment.IsServiceUnlock && compartment.ActingOwner == credential))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Picks the compartment a credential may open now: the one holding its phone, else its assigned one,
        /// else the first Free one.
        /// </summary>
        /// <param name="credential">The credential hash whose phone goes in or comes out.</param>
        /// <param name="previous">The credential hash of the card this one replaced, or empty.</param>
        /// <param name="assigned">The compartment the allow-list assigns it, or 0.</param>
        /// <returns>A compartment at rest, or null when there is none to open (or one is already unlocked or open for this phone).</returns>
        public Compartment Choose(string credential, string previous, int assigned)
        {
            Compartment own = FindOccupiedBy(credential, previous);
            if (own != null)
            {
                return own.IsAtRest ? own : null;
            }

            if (Holds(credential))
            {
                // A compartment is already unlocked or open for this phone: one at a time.
                return null;
            }

            if (assigned > 0)
            {
                if (assigned > _compartments.Length)
                {
                    return null;
                }

                Compartment reserved = _compartments[assigned - 1];
                return reserved.State == CompartmentState.Assigned && reserved.AssignedTo == credential ? reserved : null;
            }

            return FirstFree();
        }

        /// <summary>
        /// Finds the first Free (empty, unassigned, in service) compartment.
        /// </summary>
        /// <returns>The compartment, or null.</returns>
        public Compartment FirstFree()
        {
            for (int i = 0; i < _compartments.Length; i++)
            {
                if (_compartments[i].State == CompartmentState.Free)
                {
                    return _compartments[i];
                }
            }

            return null;
        }

        /// <summary>
        /// Energises a solenoid; the compartment waits for its door to open.
        /// </summary>
        /// <param name="compartment">A compartment at rest.</param>
        /// <param name="credential">Credential hash of whoever unlocks it.</param>
        /// <param name="subject">The pupil's credential hash for an office intake or release, otherwise empty.</param>
        /// <param name="service">true for a remote service unlock, which clears a fault once the door has closed.</param>
        /// <param name="nowMilliseconds">Uptime now.</param>
        public void Unlock(Compartment compartment, string credential, string subject, bool service, long nowMilliseconds)
        {
            _locks.Unlock(compartment.Number);
            compartment.ActingCredential = credential;
            compartment.ActingSubject = subject;
            compartment.IsServiceUnlock = service;
            Enter(compartment, CompartmentState.UnlockedAwaitingOpen, nowMilliseconds);
            _signals.Show(Feedback.Granted);
        }

        /// <summary>
        /// Reads every door and moves each compartment on. Call once per main-loop pass.
        /// </summary>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <param name="unlockSeconds">How long an unlocked compartment waits for its door, in seconds (kept to 3-10, <see cref="LockerLimits.ClampUnlockSeconds"/>).</param>
        /// <param name="leftOpenSeconds">After how long an open door is reported.</param>
        public void Update(long nowMilliseconds, int unlockSeconds, int leftOpenSeconds)
        {
            for (int i = 0; i < _compartments.Length; i++)
            {
                Update(_compartments[i], nowMilliseconds, unlockSeconds, leftOpenSeconds);
            }
        }

        private void Update(Compartment compartment, long now, int unlockSeconds, int leftOpenSeconds)
        {
            bool open = _doors.IsOpen(compartment.Number);
            switch (compartment.State)
            {
                case CompartmentState.UnlockedAwaitingOpen:
                    if (open)
                    {
                        // The latch holds the door once closed, so the solenoid is released as soon as the door opens.
                        _locks.Lock(compartment.Number);
                        Enter(compartment, CompartmentState.Open, now);
                        if (compartment.IsServiceUnlock)
                        {
                            _recorder.Record(EventType.DoorOpened, compartment.Number, compartment.ActingCredential, string.Empty);
                        }
                    }
                    else if (now - compartment.SinceMilliseconds >= LockerLimits.ClampUnlockSeconds(unlockSeconds) * 1000L)
                    {
                        _locks.Lock(compartment.Number);
                        EndUse(compartment, now);
                    }

                    break;

                case CompartmentState.Open:
                case CompartmentState.ForcedOpen:
                    if (!open)
                    {
                        Closed(compartment, now);
                    }
                    else if (!compartment.LeftOpenReported && now - compartment.SinceMilliseconds >= leftOpenSeconds * 1000L)
                    {
                        compartment.LeftOpenReported = true;
                        _recorder.Record(EventType.DoorLeftOpen, compartment.Number, compartment.ActingCredential, compartment.ActingSubject);
                        _signals.Show(Feedback.DoorOpen);
                    }

                    break;

                default:
                    if (open)
                    {
                        Enter(compartment, CompartmentState.ForcedOpen, now);
                        _recorder.Record(EventType.DoorForced, compartment.Number, string.Empty, string.Empty);
                        _signals.Show(Feedback.DoorOpen);
                    }

                    break;
            }
        }

        private void Closed(Compartment compartment, long now)
        {
            string credential = compartment.ActingCredential;
            string subject = compartment.ActingSubject;
            if (compartment.State == CompartmentState.ForcedOpen)
            {
                _recorder.Record(EventType.DoorClosed, compartment.Number, string.Empty, string.Empty);
                compartment.IsFaulted = true;
            }
            else if (compartment.IsServiceUnlock)
            {
                if (compartment.IsOccupied)
                {
                    _recorder.Record(EventType.Retrieve, compartment.Number, credential, compartment.Occupant);
                    compartment.Occupant = string.Empty;
                }
                else
                {
                    _recorder.Record(EventType.DoorClosed, compartment.Number, credential, string.Empty);
                }

                compartment.IsFaulted = false;
            }
            else if (compartment.IsOccupied)
            {
                _recorder.Record(EventType.Retrieve, compartment.Number, credential, subject);
                compartment.Occupant = string.Empty;
            }
            else
            {
                _recorder.Record(EventType.Deposit, compartment.Number, credential, subject);
                compartment.Occupant = subject.Length != 0 ? subject : credential;
            }

            Save();
            EndUse(compartment, now);
        }

        private void EndUse(Compartment compartment, long now)
        {
            compartment.ActingCredential = string.Empty;
            compartment.ActingSubject = string.Empty;
            compartment.IsServiceUnlock = false;
            Enter(compartment, compartment.RestState, now);
            _signals.Rest();
        }

        private static void Enter(Compartment compartment, CompartmentState state, long now)
        {
            compartment.State = state;
            compartment.SinceMilliseconds = now;
            compartment.LeftOpenReported = false;
        }

        private void Save()
        {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < _compartments.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                if (_compartments[i].IsFaulted)
                {
                    text.Append(FaultMark);
                }

                text.Append(_compartments[i].Occupant);
            }

            _store.Write(OccupantsSetting, Encoding.UTF8.GetBytes(text.ToString()));
        }
    }
}
