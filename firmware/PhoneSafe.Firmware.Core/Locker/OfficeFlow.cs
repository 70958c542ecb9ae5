using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// The office unit's pupil-phone flow. An office badge arms the unit for a short window; a pupil card tapped
    /// within it takes that pupil's phone in (intake: deposit with the pupil as subject) or, when the pupil already
    /// has a phone inside, gives it back (release: retrieve with the pupil as subject). The office console does the
    /// same through signed intake and release commands.
    /// </summary>
    public sealed class OfficeFlow
    {
        /// <summary>How long after an office badge a pupil card is accepted (ms).</summary>
        public const long PupilWindowMilliseconds = 15000;

        private readonly CompartmentBank _bank;
        private readonly AllowList _allowList;
        private readonly Signals _signals;
        private string _officeCredential = string.Empty;
        private long _armedUntilMilliseconds = -1;

        /// <summary>
        /// Initializes a new instance of the <see cref="OfficeFlow"/> class, not armed.
        /// </summary>
        /// <param name="bank">The compartments.</param>
        /// <param name="allowList">The allow-list (pupil entries may assign a compartment).</param>
        /// <param name="signals">The LEDs and buzzer.</param>
        public OfficeFlow(CompartmentBank bank, AllowList allowList, Signals signals)
        {
            _bank = bank;
            _allowList = allowList;
            _signals = signals;
        }

        /// <summary>
        /// Tells whether an office badge was tapped and the pupil window is still open.
        /// </summary>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <returns>true while a pupil card is accepted.</returns>
        public bool IsArmed(long nowMilliseconds)
        {
            return _armedUntilMilliseconds >= 0 && nowMilliseconds < _armedUntilMilliseconds;
        }

        /// <summary>
        /// An office badge was tapped: accept a pupil card for <see cref="PupilWindowMilliseconds"/>.
        /// </summary>
        /// <param name="officeCredential">The office badge's credential hash.</param>
        /// <param name="nowMilliseconds">Uptime now.</param>
        public void OfficeTapped(string officeCredential, long nowMilliseconds)
        {
            _officeCredential = officeCredential;
            _armedUntilMilliseconds = nowMilliseconds + PupilWindowMilliseconds;
            _signals.ShowFor(Feedback.Granted, nowMilliseconds, PupilWindowMilliseconds);
        }

        /// <summary>
        /// A pupil card was tapped: release the pupil's phone, or take it in.
        /// </summary>
        /// <param name="pupil">The pupil card's credential hash.</param>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <returns>false when no office badge armed the unit or no compartment can be opened.</returns>
        public bool PupilTapped(string pupil, long nowMilliseconds)
        {
            if (!IsArmed(nowMilliseconds))
            {
                return false;
            }

            string office = _officeCredential;
            Disarm();
            AllowEntry entry = _allowList.Find(pupil);
            Compartment held = _bank.FindOccupiedBy(pupil, entry == null ? string.Empty : entry.Previous);
            if (held != null)
            {
                // Released under the credential it was taken in with, so a replacement card closes the same custody.
                return Release(office, held.Occupant, 0, nowMilliseconds);
            }

            return Intake(office, pupil, 0, nowMilliseconds);
        }

        /// <summary>
        /// Unlocks a compartment for a pupil's phone.
        /// </summary>
        /// <param name="office">Credential hash of the office member of staff.</param>
        /// <param name="pupil">Credential hash of the pupil.</param>
        /// <param name="compartment">The compartment to use, or 0 for the pupil's assigned one or the first free one.</param>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <returns>false when the pupil already has a phone inside (or on its way in) or the compartment cannot be used.</returns>
        public bool Intake(string office, string pupil, int compartment, long nowMilliseconds)
        {
            if (pupil.Length == 0 || _bank.Holds(pupil))
            {
                return false;
            }

            Compartment target;
            if (compartment > 0)
            {
                target = compartment <= _bank.Count ? _bank.Get(compartment) : null;
                bool usable = target != null && (target.State == CompartmentState.Free
                    || (target.State == CompartmentState.Assigned && target.AssignedTo == pupil));
                target = usable ? target : null;
            }
            else
            {
                AllowEntry entry = _allowList.Find(pupil);
                target = _bank.Choose(pupil, string.Empty, entry != null && entry.Role == Roles.Pupil ? entry.Compartment : 0);
            }

            if (target == null)
            {
                return false;
            }

            _bank.Unlock(target, office, pupil, false, nowMilliseconds);
            return true;
        }

        /// <summary>
        /// Unlocks the compartment holding a pupil's phone.
        /// </summary>
        /// <param name="office">Credential hash of the office member of staff.</param>
        /// <param name="pupil">Credential hash of the pupil.</param>
        /// <param name="compartment">The compartment expected to hold it, or 0 for wherever it is.</param>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <returns>false when the pupil has no phone inside (or not in that compartment) or it is in use.</returns>
        public bool Release(string office, string pupil, int compartment, long nowMilliseconds)
        {
            Compartment held = pupil.Length == 0 ? null : _bank.FindOccupiedBy(pupil);
            if (held == null || !held.IsAtRest || (compartment > 0 && held.Number != compartment))
            {
                return false;
            }

            _bank.Unlock(held, office, pupil, false, nowMilliseconds);
            return true;
        }

        /// <summary>
        /// Closes the pupil window when its time is up. Call once per main-loop pass.
        /// </summary>
        /// <param name="nowMilliseconds">Uptime now.</param>
        public void Update(long nowMilliseconds)
        {
            if (_armedUntilMilliseconds >= 0 && !IsArmed(nowMilliseconds))
            {
                Disarm();
            }
        }

        private void Disarm()
        {
            _armedUntilMilliseconds = -1;
            _officeCredential = string.Empty;
        }
    }
}
