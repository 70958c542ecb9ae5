namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Sends messages to lockers through the broker.
/// </summary>
public interface ILockerBus
{
    /// <summary>Gets a value indicating whether the gateway is connected to the broker.</summary>
    bool IsConnected { get; }

    /// <summary>
    /// Publishes a message with QoS 1.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="retain">Whether the broker keeps it for late subscribers.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <returns>A task that completes when the broker has accepted it.</returns>
    /// <exception cref="InvalidOperationException">The broker refused it (for example its ACL forbids the topic).</exception>
    Task PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes a message that a later one supersedes (an acknowledgement: cumulative, and the locker resends what it
    /// does not see acknowledged) with QoS 0, so it does not wait for a PUBACK queued behind incoming events.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <returns>A task that completes when the message is handed to the connection.</returns>
    Task PublishSupersedableAsync(string topic, byte[] payload, CancellationToken cancellationToken) => PublishAsync(topic, payload, false, cancellationToken);
}
