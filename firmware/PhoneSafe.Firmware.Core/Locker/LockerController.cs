using System.Text;
using System.Threading;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// The locker's main loop: badge taps, compartment doors, the event journal and the uplink to the gateway.
    /// Everything happens on one thread in <see cref="Tick"/>; nothing here touches hardware directly.
    /// </summary>
    public sealed class LockerController
    {
        /// <summary>The settings name of the boot counter.</summary>
        public const string BootSetting = "boot";

        /// <summary>The settings name of the last applied configuration message (re-verified at start).</summary>
        public const string ConfigSetting = "config";

        /// <summary>The settings name of the compartment occupants (credential hashes, comma separated).</summary>
        public const string OccupantsSetting = "occupants";

        /// <summary>The same card held to the reader again within this time is ignored (ms).</summary>
        public const long RepeatTapMilliseconds = 2000;

        /// <summary>Main-loop period on the device (ms).</summary>
        public const int LoopMilliseconds = 50;

        private readonly LockerHardware _hardware;
        private readonly LockerSettings _settings;
        private readonly Compartment[] _compartments;
        private readonly AllowList _allowList = new AllowList();
        private string _lastTapCredential = string.Empty;
        private long _lastTapMilliseconds = -RepeatTapMilliseconds;

        /// <summary>
        /// Initializes a new instance of the <see cref="LockerController"/> class and recovers state from flash.
        /// </summary>
        /// <param name="hardware">The unit's hardware.</param>
        /// <param name="settings">Identity and keys.</param>
        public LockerController(LockerHardware hardware, LockerSettings settings)
        {
            _hardware = hardware;
            _settings = settings;
            _compartments = new Compartment[hardware.Locks.CompartmentCount];
            for (int i = 0; i < _compartments.Length; i++)
            {
                _compartments[i] = new Compartment(i + 1);
            }

            Journal = new EventJournal(hardware.JournalStorage, hardware.Settings, settings.Device);
            Uplink = new Uplink(hardware.Link, Journal, settings);
            Config = new LockerConfig();
        }

        /// <summary>Gets the event journal.</summary>
        public EventJournal Journal { get; }

        /// <summary>Gets the uplink.</summary>
        public Uplink Uplink { get; }

        /// <summary>Gets the configuration in force (version 0 until one is received).</summary>
        public LockerConfig Config { get; private set; }

        /// <summary>Gets the boot counter of this run.</summary>
        public long BootCount { get; private set; }

        /// <summary>
        /// Gets a compartment.
        /// </summary>
        /// <param name="number">Compartment number, from 1.</param>
        /// <returns>The compartment.</returns>
        public Compartment GetCompartment(int number)
        {
            return _compartments[number - 1];
        }

        /// <summary>
        /// Counts the boot, restores configuration and occupants, locks every compartment and records a boot event.
        /// </summary>
        public void Start()
        {
            BootCount = Settings.ToLong(_hardware.Settings.Read(BootSetting)) + 1;
            _hardware.Settings.Write(BootSetting, Settings.FromLong(BootCount));

            byte[] savedConfig = _hardware.Settings.Read(ConfigSetting);
            if (savedConfig != null && ConfigCodec.TryDecode(savedConfig, _settings.Device, _settings.DeviceKey, out LockerConfig config, out _))
            {
                Apply(config);
            }

            RestoreOccupants();
            for (int i = 0; i < _compartments.Length; i++)
            {
                _hardware.Locks.Lock(i + 1);
            }

            Record(EventType.Boot, 0, string.Empty);
            _hardware.Indicator.Show(Feedback.Idle);
        }

        /// <summary>
        /// Runs the main loop forever (device only).
        /// </summary>
        public void Run()
        {
            Start();
            while (true)
            {
                Tick();
                Thread.Sleep(LoopMilliseconds);
            }
        }

        /// <summary>
        /// One pass of the main loop: messages in, badge, doors, events out.
        /// </summary>
        public void Tick()
        {
            _hardware.Watchdog.Feed();
            long now = _hardware.Clock.UptimeMilliseconds;
            HandleMessages(now);

            if (_hardware.Reader.TryReadBadge(out byte[] uid) && uid != null)
            {
                HandleTap(CredentialHash.Compute(_settings.CredentialKey, uid), now);
            }

            for (int i = 0; i < _compartments.Length; i++)
            {
                UpdateCompartment(_compartments[i], now);
            }

            Uplink.Pump(now);
        }

        private void HandleTap(string credential, long now)
        {
            if (credential == _lastTapCredential && now - _lastTapMilliseconds < RepeatTapMilliseconds)
            {
                return;
            }

            _lastTapCredential = credential;
            _lastTapMilliseconds = now;
            AllowEntry entry = _allowList.Find(credential);
            Compartment target = entry != null && entry.Role == Roles.Staff ? ChooseCompartment(credential, entry.Compartment) : null;
            if (target == null)
            {
                Record(EventType.BadgeDenied, 0, credential);
                _hardware.Indicator.Show(Feedback.Denied);
                return;
            }

            _hardware.Locks.Unlock(target.Number);
            target.State = CompartmentState.UnlockedAwaitingOpen;
            target.ActingCredential = credential;
            target.SinceMilliseconds = now;
            _hardware.Indicator.Show(Feedback.Granted);
        }

        private Compartment ChooseCompartment(string credential, int assigned)
        {
            for (int i = 0; i < _compartments.Length; i++)
            {
                if (_compartments[i].Occupant == credential)
                {
                    return IsClosedAndLocked(_compartments[i]) ? _compartments[i] : null;
                }
            }

            if (assigned > 0)
            {
                return assigned <= _compartments.Length && _compartments[assigned - 1].State == CompartmentState.Free ? _compartments[assigned - 1] : null;
            }

            for (int i = 0; i < _compartments.Length; i++)
            {
                if (_compartments[i].State == CompartmentState.Free && !_allowList.IsAssigned(i + 1))
                {
                    return _compartments[i];
                }
            }

            return null;
        }

        private void UpdateCompartment(Compartment compartment, long now)
        {
            bool open = _hardware.Doors.IsOpen(compartment.Number);
            switch (compartment.State)
            {
                case CompartmentState.Free:
                case CompartmentState.Occupied:
                    if (open)
                    {
                        Enter(compartment, CompartmentState.ForcedOpen, now);
                        Record(EventType.DoorForced, compartment.Number, string.Empty);
                        _hardware.Indicator.Show(Feedback.DoorOpen);
                    }

                    break;

                case CompartmentState.UnlockedAwaitingOpen:
                    if (open)
                    {
                        // The latch holds the door once closed, so the solenoid is released as soon as the door opens.
                        _hardware.Locks.Lock(compartment.Number);
                        Enter(compartment, CompartmentState.Open, now);
                    }
                    else if (now - compartment.SinceMilliseconds >= Config.UnlockSeconds * 1000L)
                    {
                        _hardware.Locks.Lock(compartment.Number);
                        compartment.ActingCredential = string.Empty;
                        Enter(compartment, compartment.IsOccupied ? CompartmentState.Occupied : CompartmentState.Free, now);
                        _hardware.Indicator.Show(Feedback.Idle);
                    }

                    break;

                case CompartmentState.Open:
                case CompartmentState.ForcedOpen:
                    if (!open)
                    {
                        Closed(compartment, now);
                    }
                    else if (!compartment.LeftOpenReported && now - compartment.SinceMilliseconds >= Config.LeftOpenSeconds * 1000L)
                    {
                        compartment.LeftOpenReported = true;
                        Record(EventType.DoorLeftOpen, compartment.Number, compartment.ActingCredential);
                        _hardware.Indicator.Show(Feedback.DoorOpen);
                    }

                    break;
            }
        }

        private void Closed(Compartment compartment, long now)
        {
            if (compartment.State == CompartmentState.ForcedOpen)
            {
                Record(EventType.DoorClosed, compartment.Number, string.Empty);
            }
            else if (compartment.IsOccupied)
            {
                Record(EventType.Retrieve, compartment.Number, compartment.ActingCredential);
                compartment.Occupant = string.Empty;
                SaveOccupants();
            }
            else
            {
                Record(EventType.Deposit, compartment.Number, compartment.ActingCredential);
                compartment.Occupant = compartment.ActingCredential;
                SaveOccupants();
            }

            compartment.ActingCredential = string.Empty;
            Enter(compartment, compartment.IsOccupied ? CompartmentState.Occupied : CompartmentState.Free, now);
            _hardware.Indicator.Show(Feedback.Idle);
        }

        private static void Enter(Compartment compartment, CompartmentState state, long now)
        {
            compartment.State = state;
            compartment.SinceMilliseconds = now;
            compartment.LeftOpenReported = false;
        }

        private static bool IsClosedAndLocked(Compartment compartment)
        {
            return compartment.State == CompartmentState.Free || compartment.State == CompartmentState.Occupied;
        }

        private void HandleMessages(long now)
        {
            object[] messages = Uplink.TakeMessages();
            for (int i = 0; i + 1 < messages.Length; i += 2)
            {
                string topic = (string)messages[i];
                byte[] payload = (byte[])messages[i + 1];
                if (!Topics.TryParse(topic, out _, out _, out string kind))
                {
                    Uplink.CountRejected();
                }
                else if (kind == TopicKind.Ack)
                {
                    Uplink.HandleAck(payload, now);
                }
                else if (kind == TopicKind.Config)
                {
                    if (ConfigCodec.TryDecode(payload, _settings.Device, _settings.DeviceKey, out LockerConfig config, out _))
                    {
                        if (config.Version > Config.Version)
                        {
                            _hardware.Settings.Write(ConfigSetting, payload);
                            Apply(config);
                            Record(EventType.ConfigApplied, 0, string.Empty);
                        }
                    }
                    else
                    {
                        Uplink.CountRejected();
                    }
                }
            }
        }

        private void Apply(LockerConfig config)
        {
            Config = config;
            _allowList.Load(config.Allow);
        }

        private void Record(string type, int compartment, string credential)
        {
            IClock clock = _hardware.Clock;
            Journal.Append(new LockerEvent
            {
                Device = _settings.Device,
                Boot = BootCount,
                TimestampUtc = clock.UtcNow,
                TimeSynchronized = clock.IsSynchronized,
                UptimeMilliseconds = clock.UptimeMilliseconds,
                Type = type,
                Compartment = compartment,
                Credential = credential,
                Subject = string.Empty,
            });
        }

        private void SaveOccupants()
        {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < _compartments.Length; i++)
            {
                text.Append(i == 0 ? string.Empty : ",");
                text.Append(_compartments[i].Occupant);
            }

            _hardware.Settings.Write(OccupantsSetting, Encoding.UTF8.GetBytes(text.ToString()));
        }

        private void RestoreOccupants()
        {
            byte[] saved = _hardware.Settings.Read(OccupantsSetting);
            if (saved == null)
            {
                return;
            }

            string[] occupants = Encoding.UTF8.GetString(saved, 0, saved.Length).Split(',');
            for (int i = 0; i < _compartments.Length && i < occupants.Length; i++)
            {
                if (Hex.IsLowerHex(occupants[i], CredentialHash.Length))
                {
                    _compartments[i].Occupant = occupants[i];
                    _compartments[i].State = CompartmentState.Occupied;
                }
            }
        }
    }
}
