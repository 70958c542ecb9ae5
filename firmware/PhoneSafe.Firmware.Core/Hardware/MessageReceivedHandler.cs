namespace PhoneSafe.Firmware.Core.Hardware
{
    /// <summary>
    /// Called when a message arrives on a subscribed topic. May be raised on a transport thread.
    /// </summary>
    /// <param name="topic">The MQTT topic.</param>
    /// <param name="payload">The message bytes.</param>
    public delegate void MessageReceivedHandler(string topic, byte[] payload);
}
