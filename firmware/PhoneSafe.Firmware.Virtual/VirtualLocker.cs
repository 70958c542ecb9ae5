using System;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Locker;

namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// One locker unit built from virtual hardware and the real <see cref="LockerController"/>,
    /// with the actions of a person standing at it.
    /// </summary>
    public sealed class VirtualLocker
    {
        /// <summary>Default journal capacity: 2,048 records of 64 bytes in 32 segments of 4 KB, as the device.</summary>
        public const int DefaultJournalBytes = 131072;

        /// <summary>Milliseconds of virtual time per main-loop pass.</summary>
        public const int TickMilliseconds = 50;

        private readonly LockerHardware _hardware;

        /// <summary>
        /// Initializes a new instance of the <see cref="VirtualLocker"/> class; call <see cref="Boot()"/> to start it.
        /// </summary>
        /// <param name="settings">Identity and keys.</param>
        /// <param name="compartmentCount">Number of compartments (4 to 16).</param>
        /// <param name="link">The MQTT link (in memory, or a real broker through the simulator).</param>
        /// <param name="journalBytes">Journal capacity in bytes (64 per event).</param>
        public VirtualLocker(LockerSettings settings, int compartmentCount, IMessageLink link, int journalBytes)
        {
            Settings = settings;
            Reader = new VirtualBadgeReader();
            Compartments = new VirtualCompartments(compartmentCount);
            Clock = new VirtualClock();
            Flash = new VirtualFlash(journalBytes);
            Store = new MemorySettingsStore();
            Firmware = new MemoryFirmwareStorage();
            Indicator = new VirtualIndicator();
            Link = link;
            _hardware = new LockerHardware
            {
                Reader = Reader,
                Locks = Compartments,
                Doors = Compartments,
                Clock = Clock,
                JournalStorage = Flash,
                Settings = Store,
                Firmware = Firmware,
                Indicator = Indicator,
                Link = link,
                Watchdog = Indicator,
            };
        }

        /// <summary>Gets the identity and keys.</summary>
        public LockerSettings Settings { get; }

        /// <summary>Gets the reader.</summary>
        public VirtualBadgeReader Reader { get; }

        /// <summary>Gets the locks and doors.</summary>
        public VirtualCompartments Compartments { get; }

        /// <summary>Gets the clock.</summary>
        public VirtualClock Clock { get; }

        /// <summary>Gets the journal flash.</summary>
        public VirtualFlash Flash { get; }

        /// <summary>Gets the settings store.</summary>
        public MemorySettingsStore Store { get; }

        /// <summary>Gets the firmware slots and boot record.</summary>
        public MemoryFirmwareStorage Firmware { get; }

        /// <summary>Gets the LEDs, buzzer and watchdog.</summary>
        public VirtualIndicator Indicator { get; }

        /// <summary>Gets the MQTT link.</summary>
        public IMessageLink Link { get; }

        /// <summary>Gets the running controller (a new one after each <see cref="Boot()"/>).</summary>
        public LockerController Controller { get; private set; }

        /// <summary>
        /// Starts (or restarts after a power cycle) the controller on the same flash and settings.
        /// </summary>
        public void Boot()
        {
            Clock.Reboot();
            Controller = new LockerController(_hardware, Settings);
            Controller.Start();
        }

        /// <summary>
        /// Starts (or restarts) the controller with the clock already set, as a device whose SNTP answered before
        /// the main loop started (so the boot event carries true time).
        /// </summary>
        /// <param name="utc">The true UTC time at boot.</param>
        public void Boot(DateTime utc)
        {
            Clock.Reboot();
            Clock.Synchronize(utc);
            Controller = new LockerController(_hardware, Settings);
            Controller.Start();
        }

        /// <summary>
        /// Runs main-loop passes for a span of virtual time. When the controller asks for a restart (a new firmware to
        /// try, or a roll back), the unit drops its connection and boots again, as the device's loader does.
        /// </summary>
        /// <param name="milliseconds">How long, in ms; at least one pass is run.</param>
        public void Run(long milliseconds)
        {
            long passes = milliseconds / TickMilliseconds;
            for (long i = 0; i < (passes < 1 ? 1 : passes); i++)
            {
                Clock.Advance(TickMilliseconds);
                Controller.Tick();
                if (Controller.Updater.RestartRequested)
                {
                    Link.Disconnect();
                    Boot();
                }
            }
        }

        /// <summary>
        /// Holds a card to the reader for a moment.
        /// </summary>
        /// <param name="uid">The card UID.</param>
        public void Tap(byte[] uid)
        {
            Reader.Present(uid);
            Run(TickMilliseconds);
            Reader.Remove();
        }

        /// <summary>
        /// Taps, opens whichever compartment unlocked, waits a moment and closes it: a whole deposit or retrieval.
        /// </summary>
        /// <param name="uid">The card UID.</param>
        /// <returns>The compartment used, or 0 when nothing unlocked.</returns>
        public int UseLocker(byte[] uid)
        {
            Tap(uid);
            for (int c = 1; c <= Compartments.CompartmentCount; c++)
            {
                if (Compartments.IsUnlocked(c) && Compartments.TryOpen(c))
                {
                    Run(2000);
                    Compartments.Close(c);
                    Run(TickMilliseconds);
                    return c;
                }
            }

            return 0;
        }
    }
}
