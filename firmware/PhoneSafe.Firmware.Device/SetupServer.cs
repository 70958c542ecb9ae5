using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PhoneSafe.Firmware.Core.Provisioning;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// Serves the core's <see cref="SetupPage"/> on port 80 of the setup access point, one connection at a time, until a
    /// bundle has been stored. System.Net has no HTTP server on nanoFramework, so this reads and writes a plain socket.
    /// </summary>
    public sealed class SetupServer
    {
        private const int Port = 80;
        private const int ReceiveTimeoutMilliseconds = 10_000;

        private readonly SetupPage _page;

        /// <summary>
        /// Initializes a new instance of the <see cref="SetupServer"/> class.
        /// </summary>
        /// <param name="page">The page that answers requests and stores the bundle.</param>
        public SetupServer(SetupPage page)
        {
            _page = page;
        }

        /// <summary>
        /// Answers requests until the page has stored a bundle.
        /// </summary>
        public void RunUntilProvisioned()
        {
            using (Socket listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                listener.Bind(new IPEndPoint(IPAddress.Any, Port));
                listener.Listen(1);
                while (!_page.Provisioned)
                {
                    using (Socket client = listener.Accept())
                    {
                        try
                        {
                            client.ReceiveTimeout = ReceiveTimeoutMilliseconds;
                            string request = Receive(client);
                            byte[] response = Encoding.UTF8.GetBytes(_page.Handle(request));
                            client.Send(response);
                        }
                        catch (SocketException e)
                        {
                            Debug.WriteLine("Setup page: " + e.Message);
                        }
                    }
                }
            }
        }

        private static string Receive(Socket client)
        {
            byte[] buffer = new byte[SetupPage.MaxRequestBytes];
            int received = 0;
            int expected = -1;
            while (received < buffer.Length && (expected < 0 || received < expected))
            {
                int read = client.Receive(buffer, received, buffer.Length - received, SocketFlags.None);
                if (read <= 0)
                {
                    break;
                }

                received += read;
                expected = SetupPage.ExpectedLength(new string(Encoding.UTF8.GetChars(buffer, 0, received)));
            }

            return new string(Encoding.UTF8.GetChars(buffer, 0, received));
        }
    }
}
