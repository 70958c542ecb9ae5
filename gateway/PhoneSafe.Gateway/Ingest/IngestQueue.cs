using System.Threading.Channels;

namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// The bounded hand-over between the MQTT client and the ledger writer. When full, the MQTT handler waits,
/// which holds back the broker's acknowledgement instead of dropping events.
/// </summary>
public sealed class IngestQueue
{
    /// <summary>Messages held at most.</summary>
    public const int Capacity = 50_000;

    private readonly Channel<IncomingMessage> _channel = Channel.CreateBounded<IncomingMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Gets the reading side.</summary>
    public ChannelReader<IncomingMessage> Reader => _channel.Reader;

    /// <summary>Gets how many messages wait for the ledger writer.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>
    /// Adds a message, waiting while the queue is full.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes when queued.</returns>
    public ValueTask EnqueueAsync(IncomingMessage message, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(message, cancellationToken);
}
