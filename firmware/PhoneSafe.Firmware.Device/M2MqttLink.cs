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
    /// Connecting (DNS in the MqttClient constructor, TCP, TLS, up to 30 s for CONNACK) runs on the link's own thread
    /// (<see cref="BackgroundConnectLink"/>), so the main loop never waits for the network; the core decides when to
    /// try again. Publishing only queues in M2Mqtt's in-flight queue, bounded here to
    /// <see cref="MaxInFlightPublishes"/> messages awaiting PUBACK: the core's journal keeps every event until the
    /// gateway acknowledges it and resends it otherwise, so waiting for PUBACK here would only stall the main loop.
    /// </summary>
    public sealed class M2MqttLink : BackgroundConnectLink
    {
        /// <summary>MQTT keep-alive period in seconds.</summary>
        public const ushort KeepAliveSeconds = 60;

        /// <summary>
        /// Most QoS 1 publishes queued in M2Mqtt and not yet acknowledged by PUBACK. One main-loop pass sends at most
        /// <see cref="Core.Locker.Uplink.MaxEventsPerPass"/> (16) events of about 400 bytes, so this keeps the queue
        /// near 7 KB of the ESP32's heap; beyond it <see cref="Publish"/> returns false and the core tries next pass.
        /// </summary>
        public const int MaxInFlightPublishes = 16;

        /// <summary>
        /// M2Mqtt's own in-flight bound (its default is int.MaxValue, unbounded). Incoming QoS 1 messages (acks,
        /// configuration, commands) pass through the same queue and are dropped by M2Mqtt when it is full, so it has
        /// room for as many incoming messages as our own publishes, plus the subscription.
        /// </summary>
        public const int InflightQueueSize = (2 * MaxInFlightPublishes) + 1;

        private readonly object _clientGate = new object();
        private readonly string _brokerHost;
        private readonly int _brokerPort;
        private readonly X509Certificate _caCertificate;
        private readonly string _userName;
        private readonly string _password;
        private MqttClient _client;
        private int _inFlight;

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
        /// Gets a value indicating whether the client is connected to the broker now.
        /// </summary>
        public override bool IsConnected
        {
            get
            {
                MqttClient client = CurrentClient();
                return client != null && client.IsConnected;
            }
        }

        /// <summary>
        /// Sends DISCONNECT (so the Last Will is not published) and closes the connection.
        /// </summary>
        public override void Disconnect()
        {
            MqttClient client = TakeClient();
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
                Debug.WriteLine("MQTT disconnect failed: " + ex.Message);
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
        /// <returns>false when not connected or <see cref="MaxInFlightPublishes"/> publishes are still waiting for their PUBACK; the core retries later.</returns>
        public override bool Publish(string topic, byte[] payload, bool retain)
        {
            MqttClient client;
            lock (_clientGate)
            {
                client = _client;
                if (client == null || !client.IsConnected || _inFlight >= MaxInFlightPublishes)
                {
                    return false;
                }

                _inFlight++;
            }

            try
            {
                client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, retain);
                return true;
            }
            catch (Exception ex)
            {
                // MqttClientException(InflightQueueFull) cannot happen below our own bound; a closing socket can.
                Debug.WriteLine("MQTT publish not queued: " + ex.Message);
                PublishEnded(client);
                return false;
            }
        }

        /// <summary>
        /// Subscribes to topics with QoS 1 (queued; M2Mqtt sends SUBSCRIBE on its own thread).
        /// </summary>
        /// <param name="topics">The topics.</param>
        public override void Subscribe(string[] topics)
        {
            MqttClient client = CurrentClient();
            if (client == null || topics == null || topics.Length == 0)
            {
                return;
            }

            MqttQoSLevel[] levels = new MqttQoSLevel[topics.Length];
            for (int i = 0; i < levels.Length; i++)
            {
                levels[i] = MqttQoSLevel.AtLeastOnce;
            }

            try
            {
                client.Subscribe(topics, levels);
            }
            catch (Exception ex)
            {
                Debug.WriteLine("MQTT subscribe not queued: " + ex.Message);
            }
        }

        /// <summary>
        /// Opens a new TLS connection with a retained QoS 1 Last Will and a clean session. Runs on the link's worker
        /// thread: the MqttClient constructor resolves the broker name (DNS) and throws when it cannot, so it is inside
        /// the same error handling as the connect itself.
        /// </summary>
        /// <param name="clientId">MQTT client identifier.</param>
        /// <param name="willTopic">Topic of the retained Last Will message.</param>
        /// <param name="willPayload">Payload of the Last Will, UTF-8 text (M2Mqtt sends the will as a string).</param>
        /// <returns>true when the broker accepted the connection.</returns>
        protected override bool ConnectBlocking(string clientId, string willTopic, byte[] willPayload)
        {
            Close();
            if (_brokerHost == null || _brokerHost.Length == 0)
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
            MqttClient client = null;
            try
            {
                client = new MqttClient(_brokerHost, _brokerPort, true, _caCertificate, null, MqttSslProtocols.TLSv1_2);
                client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                client.Settings.InflightQueueSize = InflightQueueSize;
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                client.ConnectionClosed += OnConnectionClosed;
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
                    Debug.WriteLine("MQTT connect refused: " + ((int)code).ToString());
                    client.Close();
                    return false;
                }
            }
            catch (Exception ex)
            {
                // DNS (no address for the broker name), socket, TLS and CONNACK timeout errors; the core retries later.
                Debug.WriteLine("MQTT connect failed: " + ex.Message);
                if (client != null)
                {
                    client.Close();
                }

                return false;
            }

            lock (_clientGate)
            {
                _client = client;
                _inFlight = 0;
            }

            return true;
        }

        /// <summary>
        /// Closes the connection without DISCONNECT.
        /// </summary>
        protected override void Close()
        {
            MqttClient client = TakeClient();
            if (client != null)
            {
                client.Close();
            }
        }

        private MqttClient CurrentClient()
        {
            lock (_clientGate)
            {
                return _client;
            }
        }

        private MqttClient TakeClient()
        {
            lock (_clientGate)
            {
                MqttClient client = _client;
                _client = null;
                _inFlight = 0;
                return client;
            }
        }

        private void PublishEnded(object client)
        {
            lock (_clientGate)
            {
                // Only the current connection's publishes count; a closed client's queue is gone with it.
                if (client == _client && _inFlight > 0)
                {
                    _inFlight--;
                }
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            // Raised on PUBACK, or when M2Mqtt gave up retrying: either way the message left the queue.
            PublishEnded(sender);
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            OnMessageReceived(e.Topic, e.Message);
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            // IsConnected turns false; the core's Uplink notices on its next pass and reconnects with back-off.
            Debug.WriteLine("MQTT connection closed");
        }
    }
}
