namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// Lets a repeated warning through at most once a minute per key (a locker, a rejection reason), counting the ones
/// held back, so that a flood of bad messages cannot flood the log as well.
/// </summary>
/// <param name="time">The clock.</param>
public sealed class WarningSampler(TimeProvider time)
{
    /// <summary>Shortest time between two warnings with the same key.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (DateTimeOffset Last, long HeldBack)> _keys = new(StringComparer.Ordinal);

    /// <summary>
    /// Tells whether to log a warning for this key now.
    /// </summary>
    /// <param name="key">What the warning is about.</param>
    /// <param name="heldBack">How many warnings with this key were held back since the last one logged.</param>
    /// <returns>true to log it.</returns>
    public bool ShouldLog(string key, out long heldBack)
    {
        DateTimeOffset now = time.GetUtcNow();
        lock (_keys)
        {
            if (_keys.TryGetValue(key, out (DateTimeOffset Last, long HeldBack) seen) && now - seen.Last < Interval)
            {
                _keys[key] = (seen.Last, seen.HeldBack + 1);
                heldBack = 0;
                return false;
            }

            heldBack = seen.HeldBack;
            _keys[key] = (now, 0);
            return true;
        }
    }
}
