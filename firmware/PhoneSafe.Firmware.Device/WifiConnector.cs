using System.Device.Wifi;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Networking;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// Joins the school Wi-Fi with DHCP. It does not wait for a valid date: the clock comes from the real-time clock and
    /// from <see cref="NetworkTimeSync"/>.
    /// </summary>
    public sealed class WifiConnector
    {
        private readonly string _ssid;
        private readonly string _password;
        private bool _joinedOnce;

        /// <summary>
        /// Initializes a new instance of the <see cref="WifiConnector"/> class.
        /// </summary>
        /// <param name="ssid">The network name, or null to use the profile stored on the device (Device Explorer, Edit Network Configuration).</param>
        /// <param name="password">The network password, or null with a stored profile.</param>
        public WifiConnector(string ssid, string password)
        {
            _ssid = ssid;
            _password = password;
        }

        /// <summary>
        /// Connects (or reconnects) and waits for an IP address.
        /// </summary>
        /// <param name="timeoutMilliseconds">How long to wait, in milliseconds.</param>
        /// <returns>true when connected.</returns>
        public bool Connect(int timeoutMilliseconds)
        {
            CancellationTokenSource timeout = new CancellationTokenSource(timeoutMilliseconds);
            bool connected;
            if (_joinedOnce || string.IsNullOrEmpty(_ssid))
            {
                connected = WifiNetworkHelper.Reconnect(false, 0, timeout.Token);
            }
            else
            {
                connected = WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
            }

            if (connected)
            {
                _joinedOnce = true;
            }
            else
            {
                Debug.WriteLine($"Wi-Fi not ready: {WifiNetworkHelper.Status}");
                if (WifiNetworkHelper.HelperException != null)
                {
                    Debug.WriteLine($"Wi-Fi error: {WifiNetworkHelper.HelperException.Message}");
                }
            }

            return connected;
        }
    }
}
