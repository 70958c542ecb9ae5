using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// The bounded hand-over between the MQTT client and the ledger writer, capped both by message count and by payload
/// bytes (<see cref="IngestOptions.QueueCapacityBytes"/>). When either cap is reached, the MQTT handler waits, which
/// holds back the broker's acknowledgement instead of dropping events: the broker, or the locker's journal, delivers
/// the message again.
/// </summary>
/// <param name="options">Ingest limits (the byte cap).</param>
public sealed class IngestQueue(IOptions<IngestOptions> options)
{
    /// <summary>Messages held at most.</summary>
    public const int Capacity = 50_000;

    private readonly Channel<IncomingMessage> _channel = Channel.CreateBounded<IncomingMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly long _capacityBytes = options.Value.QueueCapacityBytes;
    private readonly Lock _gate = new();
    private long _bytes;
    private TaskCompletionSource _bytesFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets how many messages wait for the ledger writer.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Gets the payload bytes of the messages that wait for the ledger writer.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Gets the payload bytes held at most.</summary>
    public long CapacityBytes => _capacityBytes;

    /// <summary>
    /// Adds a message, waiting while the queue is full by count or by bytes. A message larger than the whole byte cap
    /// waits until the queue is empty and then goes in alone, so it is never stuck.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes when queued.</returns>
    public async ValueTask EnqueueAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        long size = message.Payload.Length;
        while (true)
        {
            Task freed;
            lock (_gate)
            {
                if (_bytes == 0 || _bytes + size <= _capacityBytes)
                {
                    _bytes += size;
                    break;
                }

                freed = _bytesFreed.Task;
            }

            await freed.WaitAsync(cancellationToken);
        }

        try
        {
            await _channel.Writer.WriteAsync(message, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Release(size);
            throw;
        }
    }

    /// <summary>
    /// Waits until a message can be read.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>false when the queue will never have another message.</returns>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>
    /// Takes the oldest message if there is one, freeing its bytes for waiting writers.
    /// </summary>
    /// <param name="message">The message taken.</param>
    /// <returns>true when a message was taken.</returns>
    public bool TryRead([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IncomingMessage? message)
    {
        if (!_channel.Reader.TryRead(out message))
        {
            return false;
        }

        Release(message.Payload.Length);
        return true;
    }

    private void Release(long size)
    {
        TaskCompletionSource freed;
        lock (_gate)
        {
            _bytes -= size;
            freed = _bytesFreed;
            _bytesFreed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        freed.TrySetResult();
    }
}
