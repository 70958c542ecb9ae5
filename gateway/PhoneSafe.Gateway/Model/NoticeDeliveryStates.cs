namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Where a notice to parents has got (stored as these words).
/// </summary>
public static class NoticeDeliveryStates
{
    /// <summary>Waiting for an attempt (the first, or a retry after the server could not take it).</summary>
    public const string Queued = "queued";

    /// <summary>The mail server accepted it.</summary>
    public const string Sent = "sent";

    /// <summary>The mail server refused it for good, or every attempt failed.</summary>
    public const string Failed = "failed";

    /// <summary>Exported for the school's messaging system.</summary>
    public const string Exported = "exported";
}
