using System.Collections;
using System.Text;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// Runs the gateway's signed commands: unlock, identify, enrol, intake and release. A command runs only when its
    /// tag is valid, the clock is synchronised and says it has not expired, and its identifier has not run before
    /// (the last <see cref="RememberedCommands"/> identifiers are kept in flash, so a reboot does not reopen replays).
    /// </summary>
    public sealed class CommandHandler
    {
        /// <summary>The settings name of the identifiers of the commands already run (comma separated).</summary>
        public const string RunCommandsSetting = "commands";

        /// <summary>How many command identifiers are remembered.</summary>
        public const int RememberedCommands = 32;

        /// <summary>How long the identify pattern is shown (ms).</summary>
        public const long IdentifyMilliseconds = 10000;

        private readonly LockerSettings _settings;
        private readonly ISettingsStore _store;
        private readonly IClock _clock;
        private readonly CompartmentBank _bank;
        private readonly OfficeFlow _office;
        private readonly EnrolmentMode _enrolment;
        private readonly Signals _signals;
        private readonly ArrayList _runIds = new ArrayList();

        /// <summary>
        /// Initializes a new instance of the <see cref="CommandHandler"/> class.
        /// </summary>
        /// <param name="settings">Identity and keys.</param>
        /// <param name="store">Where run command identifiers are kept.</param>
        /// <param name="clock">The clock that checks expiry.</param>
        /// <param name="bank">The compartments.</param>
        /// <param name="office">The office pupil-phone flow.</param>
        /// <param name="enrolment">Enrolment mode.</param>
        /// <param name="signals">The LEDs and buzzer.</param>
        public CommandHandler(LockerSettings settings, ISettingsStore store, IClock clock, CompartmentBank bank, OfficeFlow office, EnrolmentMode enrolment, Signals signals)
        {
            _settings = settings;
            _store = store;
            _clock = clock;
            _bank = bank;
            _office = office;
            _enrolment = enrolment;
            _signals = signals;
        }

        /// <summary>Gets how many commands were run since start.</summary>
        public long Executed { get; private set; }

        /// <summary>Gets how many commands were refused since start.</summary>
        public long Refused { get; private set; }

        /// <summary>Gets why the last command was refused: a <see cref="CommandRefusal"/> or <see cref="RejectReason"/> value, or null.</summary>
        public string LastRefusal { get; private set; }

        /// <summary>
        /// Reads the identifiers of the commands already run back from flash.
        /// </summary>
        public void Restore()
        {
            _runIds.Clear();
            byte[] saved = _store.Read(RunCommandsSetting);
            if (saved == null || saved.Length == 0)
            {
                return;
            }

            string[] ids = Encoding.UTF8.GetString(saved, 0, saved.Length).Split(',');
            for (int i = 0; i < ids.Length; i++)
            {
                if (Identifiers.IsValid(ids[i]))
                {
                    _runIds.Add(ids[i]);
                }
            }
        }

        /// <summary>
        /// Verifies and runs one command message.
        /// </summary>
        /// <param name="payload">The received bytes.</param>
        /// <param name="nowMilliseconds">Uptime now.</param>
        /// <returns>true when the command ran.</returns>
        public bool Handle(byte[] payload, long nowMilliseconds)
        {
            if (!CommandCodec.TryDecode(payload, _settings.Device, _settings.DeviceKey, out LockerCommand command, out string reason))
            {
                return Refuse(reason);
            }

            if (HasRun(command.Id))
            {
                return Refuse(CommandRefusal.AlreadyRun);
            }

            if (!_clock.IsSynchronized)
            {
                return Refuse(CommandRefusal.ClockNotSynchronized);
            }

            if (_clock.UtcNow > command.ExpiresUtc)
            {
                return Refuse(CommandRefusal.Expired);
            }

            Remember(command.Id);
            if (!Execute(command, nowMilliseconds))
            {
                return Refuse(CommandRefusal.NotPossible);
            }

            Executed++;
            LastRefusal = null;
            return true;
        }

        private bool Execute(LockerCommand command, long now)
        {
            switch (command.Name)
            {
                case CommandName.Unlock:
                    if (command.Compartment < 1 || command.Compartment > _bank.Count || !_bank.Get(command.Compartment).IsAtRest)
                    {
                        return false;
                    }

                    _bank.Unlock(_bank.Get(command.Compartment), command.Credential, string.Empty, true, now);
                    return true;

                case CommandName.Identify:
                    _signals.ShowFor(Feedback.Identify, now, IdentifyMilliseconds);
                    return true;

                case CommandName.Enrol:
                    _enrolment.Start(now);
                    return true;

                case CommandName.Intake:
                    return _office.Intake(command.Credential, command.Subject, command.Compartment, now);

                case CommandName.Release:
                    return _office.Release(command.Credential, command.Subject, command.Compartment, now);

                default:
                    return false;
            }
        }

        private bool HasRun(string id)
        {
            for (int i = 0; i < _runIds.Count; i++)
            {
                if ((string)_runIds[i] == id)
                {
                    return true;
                }
            }

            return false;
        }

        private void Remember(string id)
        {
            _runIds.Add(id);
            while (_runIds.Count > RememberedCommands)
            {
                _runIds.RemoveAt(0);
            }

            StringBuilder text = new StringBuilder();
            for (int i = 0; i < _runIds.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                text.Append((string)_runIds[i]);
            }

            _store.Write(RunCommandsSetting, Encoding.UTF8.GetBytes(text.ToString()));
        }

        private bool Refuse(string reason)
        {
            Refused++;
            LastRefusal = reason;
            return false;
        }
    }
}
