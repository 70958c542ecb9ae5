using System.Collections;
using System.Text;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// Runs the gateway's signed commands: unlock, clear, identify, enrol, intake and release. A command runs only when its
    /// tag is valid, the clock is synchronised and says it has not expired, and its identifier has not run before
    /// (the last <see cref="RememberedCommands"/> identifiers are kept in flash, so a reboot does not reopen replays).
    /// Every authentic command gets a <see cref="CommandResult"/>: executed, or refused with the reason.
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

        /// <summary>Gets the result of the last authentic command, or null when the last message was not one (nothing to report).</summary>
        public CommandResult LastResult { get; private set; }

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
            LastResult = null;
            if (!CommandCodec.TryDecode(payload, _settings.Device, _settings.DeviceKey, out LockerCommand command, out string reason))
            {
                // Not authentic or not readable: no identifier to report on.
                return Refuse(null, reason);
            }

            if (HasRun(command.Id))
            {
                return Refuse(command, CommandRefusal.AlreadyRun);
            }

            if (!_clock.IsSynchronized)
            {
                return Refuse(command, CommandRefusal.ClockNotSynchronized);
            }

            if (_clock.UtcNow > command.ExpiresUtc)
            {
                return Refuse(command, CommandRefusal.Expired);
            }

            Remember(command.Id);
            string refusal = Execute(command, nowMilliseconds);
            if (refusal != null)
            {
                return Refuse(command, refusal);
            }

            Executed++;
            LastRefusal = null;
            LastResult = new CommandResult { Id = command.Id, Executed = true, Reason = string.Empty };
            return true;
        }

        private string Execute(LockerCommand command, long now)
        {
            bool unlocks = command.Name == CommandName.Unlock || command.Name == CommandName.Intake || command.Name == CommandName.Release;
            if (unlocks && _bank.AwaitingRestore)
            {
                return CommandRefusal.AwaitingRestore;
            }

            switch (command.Name)
            {
                case CommandName.Unlock:
                case CommandName.Clear:
                    if (command.Compartment < 1 || command.Compartment > _bank.Count)
                    {
                        return CommandRefusal.NoSuchCompartment;
                    }

                    Compartment compartment = _bank.Get(command.Compartment);
                    if (!compartment.IsAtRest)
                    {
                        return CommandRefusal.InUse;
                    }

                    if (command.Name == CommandName.Unlock)
                    {
                        _bank.Unlock(compartment, command.Credential, string.Empty, true, now);
                        return null;
                    }

                    // A clear naming the phone recorded inside (subj) also empties the compartment: the gateway
                    // recorded that phone as taken out without the locker (override key, or while it was dead).
                    bool emptied = command.Subject.Length != 0 && compartment.Occupant == command.Subject;
                    if (!compartment.IsFaulted && !emptied)
                    {
                        return CommandRefusal.NotFaulted;
                    }

                    _bank.ClearFault(compartment, command.Credential, emptied ? command.Subject : string.Empty);
                    return null;

                case CommandName.Identify:
                    _signals.ShowFor(Feedback.Identify, now, IdentifyMilliseconds);
                    return null;

                case CommandName.Enrol:
                    _enrolment.Start(now);
                    return null;

                case CommandName.Intake:
                    return _office.Intake(command.Credential, command.Subject, command.Compartment, now) ? null : CommandRefusal.NoCompartment;

                case CommandName.Release:
                default:
                    return _office.Release(command.Credential, command.Subject, command.Compartment, now) ? null : CommandRefusal.NoPhone;
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

        private bool Refuse(LockerCommand command, string reason)
        {
            Refused++;
            LastRefusal = reason;
            LastResult = command == null ? null : new CommandResult { Id = command.Id, Executed = false, Reason = reason };
            return false;
        }
    }
}
