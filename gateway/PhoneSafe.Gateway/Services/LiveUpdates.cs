using System.Collections.Concurrent;
using System.Threading.Channels;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Tells open dashboard pages that something changed ("custody", "lockers", "flags"), so they refresh the part
/// concerned. Each subscriber gets a small bounded queue; a slow page misses intermediate notices, not the last.
/// </summary>
public sealed class LiveUpdates
{
    private readonly ConcurrentDictionary<Guid, Channel<string>> _subscribers = new();

    /// <summary>
    /// Streams notices until the caller stops.
    /// </summary>
    /// <param name="cancellationToken">Ends the stream (the page closed).</param>
    /// <returns>Topic words as they happen.</returns>
    public async IAsyncEnumerable<string> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        Channel<string> channel = Channel.CreateBounded<string>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers[id] = channel;
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out string? topic))
                {
                    yield return topic;
                }
            }
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Tells every open page that a topic changed.
    /// </summary>
    /// <param name="topic">"custody", "lockers" or "flags".</param>
    public void Publish(string topic)
    {
        foreach (Channel<string> channel in _subscribers.Values)
        {
            channel.Writer.TryWrite(topic);
        }
    }
}
