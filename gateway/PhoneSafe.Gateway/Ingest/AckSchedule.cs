using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// Decides which acknowledgements go out in the next round. Acks are cumulative, so per locker only the highest
/// committed point is kept. Normally every owed point goes out at once. Under fan-in — more than
/// <see cref="FanIn"/> lockers owed at once, as when a thousand lockers come back after an outage — a locker that was
/// acknowledged less than <see cref="Hold"/> ago waits, unless its point has moved on by <see cref="Advance"/> events
/// (half the firmware's send window, so a locker is never left waiting for window space): its point keeps rising
/// meanwhile and one ack replaces several. The ack traffic is then at most one message per locker per second,
/// instead of one per commit that holds one of its events.
/// </summary>
public sealed class AckSchedule
{
    /// <summary>Owed lockers above which acknowledgements are held back.</summary>
    public const int FanIn = 64;

    /// <summary>Events beyond the last acknowledged point that end the hold.</summary>
    public const long Advance = Uplink.MaxUnacknowledged / 2;

    /// <summary>How long a locker's next acknowledgement is held under fan-in.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(1);

    private readonly Dictionary<(string School, string Locker), long> _owed = [];

    // Last point handed out per locker and when; only the acknowledging loop reads and writes it.
    private readonly Dictionary<(string School, string Locker), (long Sequence, long AtMilliseconds)> _sent = [];

    /// <summary>Records points that a commit has made owed (called only after the commit).</summary>
    /// <param name="acks">The ack points of the committed batch.</param>
    public void Owe(IReadOnlyList<AckPoint> acks)
    {
        lock (_owed)
        {
            foreach (AckPoint ack in acks)
            {
                var key = (ack.School, ack.Locker);
                if (!_owed.TryGetValue(key, out long owed) || owed < ack.Sequence)
                {
                    _owed[key] = ack.Sequence;
                }
            }
        }
    }

    /// <summary>
    /// Moves the points due now into <paramref name="round"/> (each locker at most once) and records them as sent.
    /// </summary>
    /// <param name="nowMilliseconds">A monotonic clock in milliseconds.</param>
    /// <param name="round">Cleared, then filled with the acknowledgements to publish.</param>
    /// <returns>How long until the earliest held point is due, or <see langword="null"/> if none is held.</returns>
    public TimeSpan? TakeDue(long nowMilliseconds, List<AckPoint> round)
    {
        round.Clear();
        long holdMilliseconds = (long)Hold.TotalMilliseconds;
        long? nextDue = null;
        lock (_owed)
        {
            bool fanIn = _owed.Count > FanIn;
            foreach (((string school, string locker), long sequence) in _owed)
            {
                if (fanIn
                    && _sent.TryGetValue((school, locker), out var last)
                    && nowMilliseconds - last.AtMilliseconds < holdMilliseconds
                    && sequence - last.Sequence < Advance)
                {
                    long due = last.AtMilliseconds + holdMilliseconds;
                    nextDue = nextDue is null ? due : Math.Min(nextDue.Value, due);
                    continue;
                }

                round.Add(new AckPoint(school, locker, sequence));
            }

            foreach (AckPoint ack in round)
            {
                _owed.Remove((ack.School, ack.Locker));
                _sent[(ack.School, ack.Locker)] = (ack.Sequence, nowMilliseconds);
            }
        }

        return nextDue is null ? null : TimeSpan.FromMilliseconds(nextDue.Value - nowMilliseconds);
    }
}
