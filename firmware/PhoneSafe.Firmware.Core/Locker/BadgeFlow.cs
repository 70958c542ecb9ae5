using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// Decides what a card tap does, offline, from the allow-list: staff open their own, assigned or a free
    /// compartment (a replacement card also the one holding the phone deposited with the card it replaced); office badges arm the pupil flow; pupil cards complete it; unknown cards are refused, or
    /// reported while enrolment mode is on.
    /// </summary>
    public sealed class BadgeFlow
    {
        /// <summary>The same card held to the reader again within this time is ignored (ms).</summary>
        public const long RepeatTapMilliseconds = 2000;

        private readonly AllowList _allowList;
        private readonly CompartmentBank _bank;
        private readonly OfficeFlow _office;
        private readonly EnrolmentMode _enrolment;
        private readonly EventRecorder _recorder;
        private readonly Signals _signals;
        private string _lastCredential = string.Empty;
        private long _lastTapMilliseconds = -RepeatTapMilliseconds;

        /// <summary>
        /// Initializes a new instance of the <see cref="BadgeFlow"/> class.
        /// </summary>
        /// <param name="allowList">The allow-list in force.</param>
        /// <param name="bank">The compartments.</param>
        /// <param name="office">The office pupil-phone flow.</param>
        /// <param name="enrolment">Enrolment mode.</param>
        /// <param name="recorder">Where refusals are recorded.</param>
        /// <param name="signals">The LEDs and buzzer.</param>
        public BadgeFlow(AllowList allowList, CompartmentBank bank, OfficeFlow office, EnrolmentMode enrolment, EventRecorder recorder, Signals signals)
        {
            _allowList = allowList;
            _bank = bank;
            _office = office;
            _enrolment = enrolment;
            _recorder = recorder;
            _signals = signals;
        }

        /// <summary>
        /// Handles one card held to the reader.
        /// </summary>
        /// <param name="credential">The card's credential hash.</param>
        /// <param name="nowMilliseconds">Uptime now.</param>
        public void HandleTap(string credential, long nowMilliseconds)
        {
            if (credential == _lastCredential && nowMilliseconds - _lastTapMilliseconds < RepeatTapMilliseconds)
            {
                return;
            }

            _lastCredential = credential;
            _lastTapMilliseconds = nowMilliseconds;
            AllowEntry entry = _allowList.Find(credential);
            if (entry == null)
            {
                if (!_enrolment.TryReport(credential, nowMilliseconds))
                {
                    Deny(credential, nowMilliseconds);
                }

                return;
            }

            if (_bank.AwaitingRestore)
            {
                // A replacement controller does not yet know which compartments hold a phone: nothing opens.
                Deny(credential, nowMilliseconds);
                return;
            }

            if (entry.Role == Roles.Staff)
            {
                Compartment target = _bank.Choose(credential, entry.Previous, entry.Compartment);
                if (target == null)
                {
                    Deny(credential, nowMilliseconds);
                    return;
                }

                _bank.Unlock(target, credential, string.Empty, false, nowMilliseconds);
            }
            else if (entry.Role == Roles.Office)
            {
                _office.OfficeTapped(credential, nowMilliseconds);
            }
            else if (!_office.PupilTapped(credential, nowMilliseconds))
            {
                Deny(credential, nowMilliseconds);
            }
        }

        private void Deny(string credential, long nowMilliseconds)
        {
            _recorder.Record(EventType.BadgeDenied, 0, credential, string.Empty);
            _signals.ShowFor(Feedback.Denied, nowMilliseconds, Signals.DeniedMilliseconds);
        }
    }
}
