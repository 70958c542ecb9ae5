using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Tests.Shared;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Properties;

/// <summary>
/// The gateway's side of the journal contract, reduced to its rule: acknowledge the highest sequence below which
/// every event was either received or declared lost by a journal-gap event with a higher sequence.
/// </summary>
internal sealed class SimulatedGateway(MemoryLink link)
{
    private readonly HashSet<long> _received = [];
    private int _seen;
    private long _highestGap;
    private long _lastAck;

    public long ResolvedThrough { get; private set; }

    public void Poll(bool sendAck)
    {
        for (; _seen < link.Published.Count; _seen++)
        {
            var message = (PublishedMessage)link.Published[_seen];
            if (!message.Topic.EndsWith("/" + TopicKind.Events, StringComparison.Ordinal)
                || !EventCodec.TryDecode(message.Payload, Fixtures.Device, Fixtures.Key(1), out LockerEvent lockerEvent, out _))
            {
                continue;
            }

            _received.Add(lockerEvent.Sequence);
            if (lockerEvent.Type == EventType.JournalGap)
            {
                _highestGap = Math.Max(_highestGap, lockerEvent.Sequence);
            }
        }

        long next = ResolvedThrough + 1;
        while (_received.Contains(next) || next < _highestGap)
        {
            next++;
        }

        ResolvedThrough = next - 1;
        if (sendAck && ResolvedThrough > _lastAck && link.IsConnected)
        {
            link.Deliver(Topics.For(Fixtures.School, Fixtures.Device, TopicKind.Ack), AckCodec.Encode(Fixtures.Device, ResolvedThrough, Fixtures.Key(1)));
            _lastAck = ResolvedThrough;
        }
    }

    /// <summary>Forgets what was acknowledged (a gateway restarted from an older backup).</summary>
    public void ResetAck() => _lastAck = 0;
}
