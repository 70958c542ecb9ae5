namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// Whether the ledger writer's commits are failing (disk full, database unreachable), for /health.
/// </summary>
/// <param name="time">The clock that dates a failure.</param>
public sealed class LedgerWriterStatus(TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _failingSince;
    private string? _reason;
    private int _attempts;

    /// <summary>
    /// Gets the current state: when commits started failing (null while they succeed), why, and how many attempts failed.
    /// </summary>
    /// <returns>(failing since, reason, failed attempts).</returns>
    public (DateTimeOffset? FailingSince, string? Reason, int Attempts) Snapshot()
    {
        lock (_gate)
        {
            return (_failingSince, _reason, _attempts);
        }
    }

    /// <summary>Records a failed commit (the batch is kept and tried again).</summary>
    /// <param name="reason">A short reason without paths or data, e.g. the database error code.</param>
    public void Failed(string reason)
    {
        lock (_gate)
        {
            _failingSince ??= time.GetUtcNow();
            _reason = reason;
            _attempts++;
        }
    }

    /// <summary>Records a successful commit.</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            _failingSince = null;
            _reason = null;
            _attempts = 0;
        }
    }
}
