using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using PhoneSafe.Firmware.Core.Time;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// Joins the Wi-Fi and asks an NTP server for the time, on its own thread, so the main loop never waits for the
    /// network; each answer is handed to the <see cref="TimeKeeper"/>. Every hour after a success, every 30 s until one.
    /// </summary>
    public sealed class NetworkTimeSync
    {
        private const int WifiTimeoutMilliseconds = 60_000;
        private const int ReplyTimeoutMilliseconds = 5_000;
        private const int ResyncMilliseconds = 60 * 60 * 1000;
        private const int RetryMilliseconds = 30_000;
        private const string DefaultServer = "pool.ntp.org";

        private readonly WifiConnector _wifi;
        private readonly string _server;
        private readonly TimeKeeper _keeper;

        /// <summary>
        /// Initializes a new instance of the <see cref="NetworkTimeSync"/> class.
        /// </summary>
        /// <param name="wifi">The Wi-Fi connection (joined here, then it reconnects by itself).</param>
        /// <param name="server">Host name or address of the NTP server (for example the school gateway), or null for pool.ntp.org.</param>
        /// <param name="keeper">The clock that receives the times.</param>
        public NetworkTimeSync(WifiConnector wifi, string server, TimeKeeper keeper)
        {
            _wifi = wifi;
            _server = string.IsNullOrEmpty(server) ? DefaultServer : server;
            _keeper = keeper;
        }

        /// <summary>
        /// Starts the thread; it runs for as long as the unit does.
        /// </summary>
        public void Start()
        {
            new Thread(Run).Start();
        }

        private void Run()
        {
            bool joined = false;
            while (true)
            {
                bool synchronized = false;
                try
                {
                    joined = joined || _wifi.Connect(WifiTimeoutMilliseconds);
                    if (joined && TryQuery(out DateTime utc, out long receivedAt))
                    {
                        _keeper.OfferNetworkTime(utc, receivedAt);
                        synchronized = true;
                    }
                }
                catch (Exception ex)
                {
                    // The thread must outlive any network failure (DNS, socket, Wi-Fi driver); it tries again later.
                    Debug.WriteLine($"Network time: {ex.Message}");
                }

                Thread.Sleep(synchronized ? ResyncMilliseconds : RetryMilliseconds);
            }
        }

        private bool TryQuery(out DateTime utc, out long receivedAt)
        {
            utc = DateTime.MinValue;
            receivedAt = 0;
            IPHostEntry host = Dns.GetHostEntry(_server);
            EndPoint server = new IPEndPoint(host.AddressList[0], NtpPacket.Port);
            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                socket.ReceiveTimeout = ReplyTimeoutMilliseconds;
                socket.SendTo(NtpPacket.CreateRequest(), server);
                byte[] reply = new byte[NtpPacket.Size];
                int length = socket.ReceiveFrom(reply, ref server);
                receivedAt = _keeper.UptimeMilliseconds;
                return NtpPacket.TryReadTransmitTime(reply, length, out utc);
            }
            finally
            {
                socket.Close();
            }
        }
    }
}
