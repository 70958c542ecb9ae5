using System.Threading;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Update;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// The locker's main loop: messages in, reader health, badge taps, compartment doors, LEDs, events out.
    /// Everything happens on one thread in <see cref="Tick"/>; the work is done by <see cref="BadgeFlow"/>,
    /// <see cref="OfficeFlow"/>, <see cref="CommandHandler"/>, <see cref="ReaderMonitor"/>, <see cref="CompartmentBank"/>,
    /// <see cref="FirmwareUpdater"/> and <see cref="Uplink"/>. Nothing here touches hardware directly.
    /// </summary>
    public sealed class LockerController
    {
        /// <summary>The settings name of the boot counter.</summary>
        public const string BootSetting = "boot";

        /// <summary>The settings name of the last applied configuration message (re-verified at start).</summary>
        public const string ConfigSetting = "config";

        /// <summary>The settings name of the compartment occupants (credential hashes, comma separated).</summary>
        public const string OccupantsSetting = CompartmentBank.OccupantsSetting;

        /// <summary>The same card held to the reader again within this time is ignored (ms).</summary>
        public const long RepeatTapMilliseconds = BadgeFlow.RepeatTapMilliseconds;

        /// <summary>
        /// How long a controller with no occupancy of its own waits for the gateway's restore message before it goes on
        /// with every compartment empty and records <see cref="EventType.RestoreMissed"/> (ms): 10 minutes.
        /// </summary>
        public const long RestoreTimeoutMilliseconds = 10L * 60 * 1000;

        /// <summary>Main-loop period on the device (ms).</summary>
        public const int LoopMilliseconds = 50;

        private readonly LockerHardware _hardware;
        private readonly LockerSettings _settings;
        private readonly AllowList _allowList = new AllowList();
        private readonly EventRecorder _recorder;
        private readonly Signals _signals;
        private readonly CompartmentBank _bank;
        private readonly EnrolmentMode _enrolment;
        private readonly BadgeFlow _badges;

        /// <summary>
        /// Initializes a new instance of the <see cref="LockerController"/> class and recovers the journal from flash.
        /// </summary>
        /// <param name="hardware">The unit's hardware.</param>
        /// <param name="settings">Identity and keys.</param>
        public LockerController(LockerHardware hardware, LockerSettings settings)
        {
            _hardware = hardware;
            _settings = settings;
            Journal = new EventJournal(hardware.JournalStorage, hardware.Settings, settings.Device);
            Uplink = new Uplink(hardware.Link, Journal, settings);
            Config = new LockerConfig();
            _recorder = new EventRecorder(Journal, hardware.Clock, settings.Device);
            _signals = new Signals(hardware.Indicator);
            _bank = new CompartmentBank(hardware.Locks, hardware.Doors, hardware.Settings, _recorder, _signals);
            _enrolment = new EnrolmentMode(_recorder, _signals);
            Office = new OfficeFlow(_bank, _allowList, _signals);
            _badges = new BadgeFlow(_allowList, _bank, Office, _enrolment, _recorder, _signals);
            Commands = new CommandHandler(settings, hardware.Settings, hardware.Clock, _bank, Office, _enrolment, _signals);
            Reader = new ReaderMonitor(hardware.Reader, _recorder);
            Updater = new FirmwareUpdater(hardware.Firmware, hardware.Settings, settings);
        }

        /// <summary>Gets the event journal.</summary>
        public EventJournal Journal { get; }

        /// <summary>Gets the uplink.</summary>
        public Uplink Uplink { get; }

        /// <summary>Gets the remote command handler.</summary>
        public CommandHandler Commands { get; }

        /// <summary>Gets the reader health monitor.</summary>
        public ReaderMonitor Reader { get; }

        /// <summary>Gets the over-the-air updater.</summary>
        public FirmwareUpdater Updater { get; }

        /// <summary>Gets the office pupil-phone flow.</summary>
        public OfficeFlow Office { get; }

        /// <summary>Gets the configuration in force (version 0 until one is received).</summary>
        public LockerConfig Config { get; private set; }

        /// <summary>Gets the boot counter of this run.</summary>
        public long BootCount { get; private set; }

        /// <summary>Gets how many journal-gap events were written since start.</summary>
        public long GapEvents => _recorder.GapEvents;

        /// <summary>Gets a value indicating whether the controller waits for the gateway's restore message before unlocking anything.</summary>
        public bool AwaitingRestore => _bank.AwaitingRestore;

        /// <summary>Gets the number of compartments.</summary>
        public int CompartmentCount => _bank.Count;

        /// <summary>
        /// Gets a compartment.
        /// </summary>
        /// <param name="number">Compartment number, from 1.</param>
        /// <returns>The compartment.</returns>
        public Compartment GetCompartment(int number)
        {
            return _bank.Get(number);
        }

        /// <summary>
        /// Tells whether enrolment mode is on.
        /// </summary>
        /// <returns>true while the next unknown card will be reported.</returns>
        public bool IsEnrolling()
        {
            return _enrolment.IsActive(_hardware.Clock.UptimeMilliseconds);
        }

        /// <summary>
        /// Counts the boot, restores configuration, occupants (completed from the newest journal event, see
        /// <see cref="CompartmentBank.Reconcile"/>), faults and run commands, locks every compartment and records a boot event.
        /// A controller with no occupancy of its own and <see cref="LockerSettings.RecoversOccupancy"/> unlocks nothing
        /// until the gateway's restore message arrives, or <see cref="RestoreTimeoutMilliseconds"/> pass.
        /// </summary>
        public void Start()
        {
            BootCount = Settings.ToLong(_hardware.Settings.Read(BootSetting)) + 1;
            _hardware.Settings.Write(BootSetting, Settings.FromLong(BootCount));
            _recorder.Boot = BootCount;

            if (!_bank.Restore() && _settings.RecoversOccupancy)
            {
                // A new or replacement controller: the gateway knows which compartments hold a phone; wait for it.
                _bank.AwaitRestore(_hardware.Clock.UptimeMilliseconds + RestoreTimeoutMilliseconds);
            }

            _bank.Reconcile(Journal.ReadNewest());
            byte[] savedConfig = _hardware.Settings.Read(ConfigSetting);
            if (savedConfig != null && ConfigCodec.TryDecode(savedConfig, _settings.Device, _settings.DeviceKey, out LockerConfig config, out _))
            {
                Apply(config);
            }

            Commands.Restore();
            Updater.Start(_hardware.Clock.UptimeMilliseconds);
            _recorder.Record(EventType.Boot, 0, string.Empty, string.Empty);
            _signals.Show(Feedback.Idle);
        }

        /// <summary>
        /// Runs the main loop until the updater asks for a restart (device only); the caller then restarts the unit.
        /// </summary>
        public void Run()
        {
            Start();
            while (!Updater.RestartRequested)
            {
                Tick();
                Thread.Sleep(LoopMilliseconds);
            }
        }

        /// <summary>
        /// One pass of the main loop: messages in, reader, badge, doors, LEDs, events out.
        /// </summary>
        public void Tick()
        {
            _hardware.Watchdog.Feed();
            long now = _hardware.Clock.UptimeMilliseconds;
            HandleMessages(now);

            Reader.Check(now);
            if (Reader.TryRead(out byte[] uid))
            {
                _badges.HandleTap(CredentialHash.Compute(_settings.CredentialKey, uid), now);
            }

            _bank.CheckRestoreDeadline(now);
            Office.Update(now);
            _bank.Update(now, Config.UnlockSeconds, Config.LeftOpenSeconds);
            _signals.Update(now, Reader.IsFaulted || _bank.AnyFault);
            Uplink.Pump(now);
            Report(Updater.Update(now, Uplink.IsOnline));
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
                    HandleConfig(payload);
                }
                else if (kind == TopicKind.Restore)
                {
                    HandleRestore(payload);
                }
                else if (kind == TopicKind.Command)
                {
                    Commands.Handle(payload, now);
                    if (Commands.LastResult != null)
                    {
                        Uplink.PublishResult(Commands.LastResult);
                    }
                }
                else if (kind == TopicKind.Update)
                {
                    if (!Updater.Handle(payload, now, out UpdateProgress report))
                    {
                        Uplink.CountRejected();
                    }

                    Report(report);
                }
            }
        }

        private void Report(UpdateProgress report)
        {
            if (report != null)
            {
                Uplink.PublishProgress(report);
            }
        }

        private void HandleConfig(byte[] payload)
        {
            if (!ConfigCodec.TryDecode(payload, _settings.Device, _settings.DeviceKey, out LockerConfig config, out _))
            {
                Uplink.CountRejected();
                return;
            }

            if (config.Version > Config.Version)
            {
                _hardware.Settings.Write(ConfigSetting, payload);
                Apply(config);
                _recorder.RecordConfigApplied(config.Version);
            }
        }

        private void HandleRestore(byte[] payload)
        {
            if (!_bank.AwaitingRestore)
            {
                // Occupancy of its own (kept in flash) always wins over the gateway's copy.
                return;
            }

            if (!RestoreCodec.TryDecode(payload, _settings.Device, _settings.DeviceKey, out string[] occupants, out _))
            {
                Uplink.CountRejected();
                return;
            }

            _bank.ApplyRestore(occupants);
        }

        private void Apply(LockerConfig config)
        {
            Config = config;
            _allowList.Load(config.Allow);
            _bank.ApplyAssignments(_allowList);
        }
    }
}
