namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// What the verifier made of a message.
/// </summary>
public enum MessageDisposition
{
    /// <summary>An authentic locker event of a known type.</summary>
    Event,

    /// <summary>A locker's online/offline status.</summary>
    Status,

    /// <summary>A locker's result for a remote command (executed or refused).</summary>
    CommandResult,

    /// <summary>A locker's firmware version and update progress.</summary>
    UpdateProgress,

    /// <summary>Refused: goes to quarantine with a reason.</summary>
    Rejected,
}
