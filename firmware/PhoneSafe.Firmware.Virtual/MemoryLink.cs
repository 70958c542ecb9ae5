using System.Collections;
using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Virtual
{
    /// <summary>
    /// An MQTT link without a broker, for unit tests: it records what is published and lets the test deliver messages.
    /// </summary>
    public sealed class MemoryLink : IMessageLink
    {
        private readonly ArrayList _published = new ArrayList();
        private bool _connected;

        /// <inheritdoc/>
        public event MessageReceivedHandler MessageReceived;

        /// <summary>Gets or sets a value indicating whether the broker is reachable.</summary>
        public bool BrokerAvailable { get; set; } = true;

        /// <inheritdoc/>
        public bool IsConnected => _connected && BrokerAvailable;

        /// <summary>Gets how many connection attempts were made.</summary>
        public int ConnectAttempts { get; private set; }

        /// <summary>Gets the topics subscribed to.</summary>
        public string[] Subscriptions { get; private set; }

        /// <summary>Gets the published messages, each a <see cref="PublishedMessage"/>.</summary>
        public ArrayList Published => _published;

        /// <inheritdoc/>
        public bool IsConnecting => false;

        /// <summary>
        /// Connects at once when <see cref="BrokerAvailable"/> (a memory link has nothing to wait for).
        /// </summary>
        /// <param name="clientId">MQTT client identifier.</param>
        /// <param name="willTopic">Topic of the retained Last Will message.</param>
        /// <param name="willPayload">Payload of the Last Will message.</param>
        /// <returns>true when connected.</returns>
        public bool BeginConnect(string clientId, string willTopic, byte[] willPayload)
        {
            ConnectAttempts++;
            _connected = BrokerAvailable;
            return _connected;
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            _connected = false;
        }

        /// <inheritdoc/>
        public bool Publish(string topic, byte[] payload, bool retain)
        {
            if (!IsConnected)
            {
                return false;
            }

            _published.Add(new PublishedMessage(topic, payload, retain));
            return true;
        }

        /// <inheritdoc/>
        public void Subscribe(string[] topics)
        {
            Subscriptions = topics;
        }

        /// <summary>
        /// Delivers a message as if it came from the broker.
        /// </summary>
        /// <param name="topic">The topic.</param>
        /// <param name="payload">The payload.</param>
        public void Deliver(string topic, byte[] payload)
        {
            MessageReceivedHandler handler = MessageReceived;
            if (handler != null)
            {
                handler(topic, payload);
            }
        }
    }
}
