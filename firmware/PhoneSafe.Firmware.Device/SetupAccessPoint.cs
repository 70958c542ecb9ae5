using System.Device.Wifi;
using System.Net.NetworkInformation;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// The Wi-Fi access point a locker opens while it is not set up ("PhoneSafe-setup-" and the last four hex digits of
    /// its MAC address, open, one client, address <see cref="Address"/>). The ESP32 reads the access point settings at
    /// boot, so switching it on or off takes effect after a restart.
    /// </summary>
    public static class SetupAccessPoint
    {
        /// <summary>The locker's address on its access point.</summary>
        public const string Address = "192.168.4.1";

        private const string NamePrefix = "PhoneSafe-setup-";

        /// <summary>
        /// Gets the access point's name for this unit.
        /// </summary>
        /// <returns>The network name.</returns>
        public static string Name()
        {
            byte[] mac = Interface().PhysicalAddress;
            return NamePrefix + mac[mac.Length - 2].ToString("X2") + mac[mac.Length - 1].ToString("X2");
        }

        /// <summary>
        /// Makes sure the access point runs.
        /// </summary>
        /// <returns>true when it runs now; false when it was switched on and the locker must restart.</returns>
        public static bool Enable()
        {
            NetworkInterface network = Interface();
            WirelessAPConfiguration configuration = Configuration(network);
            WirelessAPConfiguration.ConfigurationOptions on = WirelessAPConfiguration.ConfigurationOptions.Enable | WirelessAPConfiguration.ConfigurationOptions.AutoStart;
            if (configuration.Options == on && network.IPv4Address == Address)
            {
                return true;
            }

            network.EnableStaticIPv4(Address, "255.255.255.0", Address);
            configuration.Options = on;
            configuration.Ssid = Name();
            configuration.Authentication = AuthenticationType.Open;
            configuration.Password = string.Empty;
            configuration.MaxConnections = 1;
            configuration.SaveConfiguration();
            return false;
        }

        /// <summary>
        /// Switches the access point off from the next start.
        /// </summary>
        /// <returns>true when it was on (the locker should restart).</returns>
        public static bool Disable()
        {
            WirelessAPConfiguration configuration = Configuration(Interface());
            if (configuration.Options == WirelessAPConfiguration.ConfigurationOptions.None)
            {
                return false;
            }

            configuration.Options = WirelessAPConfiguration.ConfigurationOptions.None;
            configuration.SaveConfiguration();
            return true;
        }

        private static NetworkInterface Interface()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.WirelessAP)
                {
                    return interfaces[i];
                }
            }

            return interfaces[0];
        }

        private static WirelessAPConfiguration Configuration(NetworkInterface network)
        {
            return WirelessAPConfiguration.GetAllWirelessAPConfigurations()[network.SpecificConfigId];
        }
    }
}
