using System;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// An <see cref="IMessageLink"/> over nanoFramework.M2Mqtt: MQTT 3.1.1 over TLS 1.2, QoS 1, retained Last Will.
    /// It only reports its state; the core decides when to reconnect. Publishing does not wait for PUBACK: the core's
    /// journal keeps every event until the gateway acknowledges it and resends it otherwise, so a blocking wait here
    /// would only stall the main loop (up to 5 s per event) without making delivery any surer.
    /// </summary>
    public sealed class M2MqttLink : IMessageLink, IDisposable
    {
        /// <summary>MQTT keep-alive period in seconds.</summary>
        public const ushort KeepAliveSeconds = 60;

        private readonly string _brokerHost;
        private readonly int _brokerPort;
        private readonly X509Certificate _caCertificate;
        private readonly string _userName;
        private readonly string _password;
        private MqttClient _client;

        /// <summary>
        /// Initializes a new instance of the <see cref="M2MqttLink"/> class. Nothing is connected yet.
        /// </summary>
        /// <param name="brokerHost">Broker host name or IP address.</param>
        /// <param name="brokerPort">Broker TLS port, usually 8883.</param>
        /// <param name="caCertificate">The CA that signed the broker certificate (ca.crt of the gateway's mosquitto-config); without it the link never connects.</param>
        /// <param name="userName">MQTT user name, or null.</param>
        /// <param name="password">MQTT password, or null.</param>
        public M2MqttLink(string brokerHost, int brokerPort, X509Certificate caCertificate, string userName, string password)
        {
            _brokerHost = brokerHost;
            _brokerPort = brokerPort;
            _caCertificate = caCertificate;
            _userName = userName;
            _password = password;
        }

        /// <summary>
        /// Raised on the M2Mqtt dispatch thread when a message arrives on a subscribed topic.
        /// </summary>
        public event MessageReceivedHandler MessageReceived;

        /// <summary>
        /// Gets a value indicating whether the client is connected to the broker now.
        /// </summary>
        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        /// <summary>
        /// Opens a new TLS connection with a retained QoS 1 Last Will and a clean session.
        /// </summary>
        /// <param name="clientId">MQTT client identifier.</param>
        /// <param name="willTopic">Topic of the retained Last Will message.</param>
        /// <param name="willPayload">Payload of the Last Will, UTF-8 text (M2Mqtt sends the will as a string).</param>
        /// <returns>true when the broker accepted the connection.</returns>
        public bool Connect(string clientId, string willTopic, byte[] willPayload)
        {
            CloseClient();
            if (string.IsNullOrEmpty(_brokerHost))
            {
                return false;
            }

            if (_caCertificate == null)
            {
                // Without the broker's CA the locker could not tell the school's broker from an impostor, and would
                // hand it its password: it stays offline (journalling) until brokerCa is provisioned.
                Debug.WriteLine("MQTT not connecting: no broker CA certificate (setting brokerCa)");
                return false;
            }

            string willMessage = willPayload == null ? string.Empty : Encoding.UTF8.GetString(willPayload, 0, willPayload.Length);
            MqttClient client = new MqttClient(_brokerHost, _brokerPort, true, _caCertificate, null, MqttSslProtocols.TLSv1_2);
            client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
            client.MqttMsgPublishReceived += OnPublishReceived;
            client.ConnectionClosed += OnConnectionClosed;

            try
            {
                MqttReasonCode code = client.Connect(
                    clientId,
                    _userName,
                    _password,
                    true,
                    MqttQoSLevel.AtLeastOnce,
                    true,
                    willTopic,
                    willMessage,
                    true,
                    KeepAliveSeconds);
                if (code != MqttReasonCode.Success)
                {
                    Debug.WriteLine($"MQTT connect refused: {(int)code}");
                    client.Close();
                    return false;
                }
            }
            catch (Exception ex)
            {
                // Socket, TLS and timeout errors all surface here; the core retries later.
                Debug.WriteLine($"MQTT connect failed: {ex.Message}");
                client.Close();
                return false;
            }

            _client = client;
            return true;
        }

        /// <summary>
        /// Sends DISCONNECT (so the Last Will is not published) and closes the connection.
        /// </summary>
        public void Disconnect()
        {
            MqttClient client = _client;
            _client = null;
            if (client == null)
            {
                return;
            }

            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect();
                }
            }
            catch (Exception ex)
            {
                Debug.WriteLine($"MQTT disconnect failed: {ex.Message}");
            }

            client.Close();
        }

        /// <summary>
        /// Queues a QoS 1 publish in M2Mqtt's in-flight queue and returns at once (M2Mqtt sends and retries it on its
        /// own thread). Delivery is confirmed end to end by the gateway's signed acknowledgement, not by PUBACK.
        /// </summary>
        /// <param name="topic">The MQTT topic.</param>
        /// <param name="payload">The message bytes.</param>
        /// <param name="retain">true to ask the broker to retain the message.</param>
        /// <returns>false when not connected or the in-flight queue is full (M2Mqtt throws InflightQueueFull); the core retries later.</returns>
        public bool Publish(string topic, byte[] payload, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            try
            {
                client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, retain);
                return true;
            }
            catch (Exception ex)
            {
                Debug.WriteLine($"MQTT publish not queued: {ex.Message}");
                return false;
            }
        }

        /// <summary>
        /// Subscribes to topics with QoS 1.
        /// </summary>
        /// <param name="topics">The topics.</param>
        public void Subscribe(string[] topics)
        {
            MqttClient client = _client;
            if (client == null || topics == null || topics.Length == 0)
            {
                return;
            }

            MqttQoSLevel[] levels = new MqttQoSLevel[topics.Length];
            for (int i = 0; i < levels.Length; i++)
            {
                levels[i] = MqttQoSLevel.AtLeastOnce;
            }

            client.Subscribe(topics, levels);
        }

        /// <summary>
        /// Closes the connection without DISCONNECT.
        /// </summary>
        public void Dispose()
        {
            CloseClient();
        }

        private void CloseClient()
        {
            MqttClient client = _client;
            _client = null;
            if (client != null)
            {
                client.Close();
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            MessageReceived?.Invoke(e.Topic, e.Message);
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            // IsConnected turns false; the core's Uplink notices on its next pass and reconnects with back-off.
            Debug.WriteLine("MQTT connection closed");
        }
    }
}
