namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// The MQTT connection of a locker unit (M2Mqtt on the device, MQTTnet on the host).
    /// </summary>
    public interface IMessageLink
    {
        /// <summary>
        /// Raised when a message arrives on a subscribed topic, possibly on another thread.
        /// </summary>
        event MessageReceivedHandler MessageReceived;

        /// <summary>
        /// Gets a value indicating whether the link is connected to the broker now.
        /// </summary>
        bool IsConnected { get; }

        /// <summary>
        /// Gets a value indicating whether a connection attempt is under way. When it turns false,
        /// <see cref="IsConnected"/> already shows the attempt's outcome.
        /// </summary>
        bool IsConnecting { get; }

        /// <summary>
        /// Starts connecting to the broker with a retained Last Will and returns without waiting for the network: the
        /// caller is the main loop, which handles badges and doors and must never block on DNS, TCP, TLS or CONNACK.
        /// A link whose transport blocks runs the attempt on its own thread (<see cref="BackgroundConnectLink"/>); one
        /// that cannot block may finish before returning. The outcome shows in <see cref="IsConnected"/> once
        /// <see cref="IsConnecting"/> is false.
        /// </summary>
        /// <param name="clientId">MQTT client identifier: the locker's broker account (<see cref="Protocol.BrokerAccount.UserName"/>), which brokers require.</param>
        /// <param name="willTopic">Topic of the retained Last Will message.</param>
        /// <param name="willPayload">Payload of the Last Will message.</param>
        /// <returns>false when no attempt was started (an attempt is already under way, or the link cannot connect).</returns>
        bool BeginConnect(string clientId, string willTopic, byte[] willPayload);

        /// <summary>
        /// Disconnects cleanly (the Last Will is not sent).
        /// </summary>
        void Disconnect();

        /// <summary>
        /// Queues a message for publishing with QoS 1 and returns without waiting for the broker. Delivery is not
        /// confirmed here: the core keeps events in its journal until the gateway's signed acknowledgement, and
        /// sends them again when none comes (<see cref="Locker.Uplink.ResendAfterMilliseconds"/>).
        /// </summary>
        /// <param name="topic">The MQTT topic.</param>
        /// <param name="payload">The message bytes.</param>
        /// <param name="retain">true to ask the broker to retain the message.</param>
        /// <returns>false when the link is down or its outgoing queue is full (try again later).</returns>
        bool Publish(string topic, byte[] payload, bool retain);

        /// <summary>
        /// Subscribes to topics with QoS 1.
        /// </summary>
        /// <param name="topics">The topics.</param>
        void Subscribe(string[] topics);
    }
}
