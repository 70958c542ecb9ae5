using System;
using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Iot.Device.Mcp23xxx;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Provisioning;
using PhoneSafe.Firmware.Core.Time;
using PhoneSafe.Firmware.Device;

namespace PhoneSafe.Firmware.Esp32
{
    /// <summary>
    /// The locker application: pin muxing and wiring, then the core main loop. Started by the resident loader
    /// (<c>PhoneSafe.Firmware.Loader</c>): directly for the version deployed with it, through Assembly.Load for one
    /// installed over the air.
    /// </summary>
    public class Program
    {
        private const string StorageRoot = "I:\\";
        private const string JournalDirectory = "I:\\journal\\";
        private const string FirmwareDirectory = "I:\\fw\\";
        // 32 segments of one 4 KB flash block (64 records each): 2,048 events, about a week of a busy locker offline.
        private const int JournalSegments = 32;
        private const int WatchdogTimeoutMilliseconds = 30_000;
        private const int DefaultBrokerPort = 8883;

        // Shortly before this firmware was built: a clock showing an earlier time has not been set.
        private static readonly DateTime EarliestValidUtc = IsoTime.Utc(2026, 1, 1, 0, 0, 0);

        /// <summary>
        /// Wires the board and runs the locker until it must restart (an update to try, or to roll back), then restarts.
        /// </summary>
        public static void Main()
        {
            Debug.WriteLine("PhoneSafe locker starting");
            ConfigurePins();

            GpioController gpio = new GpioController();
            FileSettingsStore settings = new FileSettingsStore(StorageRoot);
            GpioIndicator indicator = new GpioIndicator(gpio, BoardPins.LedGreen, BoardPins.LedRed, BoardPins.Buzzer, false);

            // The clock starts from the battery-backed RTC; Wi-Fi and network time are fetched on their own thread, so
            // the locker works (offline if need be) from the first main-loop pass.
            TimeKeeper clock = new TimeKeeper(new Esp32SystemTime(), CreateRealTimeClock(), EarliestValidUtc);
            clock.SetFromRealTimeClock();
            if (!Provisioner.IsProvisioned(settings))
            {
                RunSetup(settings, clock, indicator);
            }

            if (SetupAccessPoint.Disable())
            {
                Power.RebootDevice();
            }

            LockerSettings lockerSettings = Provisioner.ReadLockerSettings(settings);
            WifiConnector wifi = new WifiConnector(ReadText(settings, SettingNames.WifiSsid), ReadText(settings, SettingNames.WifiPassword));
            new NetworkTimeSync(wifi, ReadText(settings, "ntpServer"), clock).Start();

            int expanderCompartments = ReadExpanderCompartments(settings);
            Mcp23017Bank lockBank = null;
            Mcp23017Bank doorBank = null;
            if (expanderCompartments > 0)
            {
                lockBank = CreateExpander(BoardBuses.LockExpanderAddress);
                doorBank = CreateExpander(BoardBuses.DoorExpanderAddress);
            }

            LockerHardware hardware = new LockerHardware
            {
                Reader = CreateReader(gpio),
                Locks = new GpioCompartmentLock(gpio, BoardBuses.LockPins, lockBank, First(BoardBuses.ExpanderLockPins, expanderCompartments), false),
                Doors = new GpioDoorSensor(gpio, BoardBuses.DoorPins, doorBank, First(BoardBuses.ExpanderDoorPins, expanderCompartments), false),
                Clock = clock,
                JournalStorage = new FileJournalStore(JournalDirectory, EventJournal.DefaultSegmentBytes, JournalSegments),
                Settings = settings,
                Indicator = indicator,
                Link = CreateLink(settings, lockerSettings),
                Firmware = new FileFirmwareStorage(FirmwareDirectory),
                Watchdog = new SoftwareWatchdog(WatchdogTimeoutMilliseconds),
            };

            RunLocker(hardware, lockerSettings);
        }

        // Setup mode: the locker opens its own access point and serves the setup page until a technician enters a setup
        // bundle and its code, then restarts as a school locker. Switching the access point on needs a restart first.
        private static void RunSetup(FileSettingsStore settings, TimeKeeper clock, GpioIndicator indicator)
        {
            if (!SetupAccessPoint.Enable())
            {
                Power.RebootDevice();
            }

            string name = SetupAccessPoint.Name();
            Debug.WriteLine("Not set up: join Wi-Fi " + name + " and open http://" + SetupAccessPoint.Address + "/");
            indicator.Show(Feedback.Enrolment);
            new SetupServer(new SetupPage(settings, clock, name)).RunUntilProvisioned();
            SetupAccessPoint.Disable();
            Power.RebootDevice();
        }

        // The one call into the core; adjust here if the LockerController API changes.
        private static void RunLocker(LockerHardware hardware, LockerSettings settings)
        {
            LockerController controller = new LockerController(hardware, settings);
            controller.Run();
            Power.RebootDevice();
        }

        private static void ConfigurePins()
        {
            Configuration.SetPinFunction(BoardPins.SpiMosi, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(BoardPins.SpiMiso, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(BoardPins.SpiClock, DeviceFunction.SPI1_CLOCK);
            Configuration.SetPinFunction(BoardPins.I2cData, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(BoardPins.I2cClock, DeviceFunction.I2C1_CLOCK);
        }

        private static Mfrc522BadgeReader CreateReader(GpioController gpio)
        {
            SpiConnectionSettings connection = new SpiConnectionSettings(BoardBuses.ReaderSpiBus, BoardPins.ReaderChipSelect)
            {
                ClockFrequency = BoardBuses.ReaderSpiClockHertz,
                Mode = SpiMode.Mode0,
            };
            return new Mfrc522BadgeReader(SpiDevice.Create(connection), BoardPins.ReaderReset, gpio, false);
        }

        private static Mcp23017Bank CreateExpander(int address)
        {
            return new Mcp23017Bank(new Mcp23017(CreateI2cDevice(address)));
        }

        private static Ds3231Clock CreateRealTimeClock()
        {
            return new Ds3231Clock(CreateI2cDevice(BoardBuses.RtcAddress));
        }

        private static I2cDevice CreateI2cDevice(int address)
        {
            return I2cDevice.Create(new I2cConnectionSettings(BoardBuses.I2cBus, address, I2cBusSpeed.StandardMode));
        }

        // The broker set-up written by the gateway's mosquitto-config command: TLS against the school's broker CA
        // (setting brokerCa, the PEM of ca.crt) and the locker's own account. The account is derived as the gateway
        // derives it (BrokerAccount: user <school>.<device>, password from the device key), so nothing else needs
        // provisioning; mqttUser/mqttPassword settings override it for a broker managed some other way.
        private static M2MqttLink CreateLink(FileSettingsStore settings, LockerSettings locker)
        {
            string caPem = ReadText(settings, SettingNames.BrokerCa);
            X509Certificate caCertificate = caPem == null ? null : new X509Certificate(caPem);
            string portText = ReadText(settings, SettingNames.BrokerPort);
            int port = portText == null ? DefaultBrokerPort : int.Parse(portText);
            string user = ReadText(settings, "mqttUser");
            string password = ReadText(settings, "mqttPassword");
            if (user == null)
            {
                user = BrokerAccount.UserName(locker.School, locker.Device);
            }

            if (password == null)
            {
                password = BrokerAccount.Password(locker.DeviceKey);
            }

            return new M2MqttLink(ReadText(settings, SettingNames.BrokerHost), port, caCertificate, user, password);
        }

        private static int ReadExpanderCompartments(FileSettingsStore settings)
        {
            string text = ReadText(settings, SettingNames.Compartments);
            int total = text == null ? BoardBuses.OnboardCompartments : int.Parse(text);
            int extra = total - BoardBuses.OnboardCompartments;
            if (extra < 0)
            {
                return 0;
            }

            return extra > BoardBuses.ExpanderLockPins.Length ? BoardBuses.ExpanderLockPins.Length : extra;
        }

        private static int[] First(int[] pins, int count)
        {
            int[] result = new int[count];
            Array.Copy(pins, result, count);
            return result;
        }

        private static string ReadText(FileSettingsStore settings, string name)
        {
            byte[] data = settings.Read(name);
            return data == null ? null : Encoding.UTF8.GetString(data, 0, data.Length);
        }
    }
}
