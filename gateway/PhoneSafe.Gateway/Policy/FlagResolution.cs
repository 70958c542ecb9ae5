namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// The outcome of a resolved flag (stored as these words).
/// </summary>
public static class FlagResolution
{
    /// <summary>There was a justification (the member advised the Headteacher, an emergency, …).</summary>
    public const string Explained = "explained";

    /// <summary>The policy was breached.</summary>
    public const string Breach = "breach";

    /// <summary>The flag was wrong (calendar or timetable error, a fault, a test).</summary>
    public const string FalseAlarm = "false-alarm";

    /// <summary>
    /// Closed by the gateway under an expiry rule (<see cref="Options.FlagExpiryOptions"/>) while still open; never
    /// chosen by a reviewer, so not in <see cref="All"/>.
    /// </summary>
    public const string Expired = "expired";

    /// <summary>Every word a reviewer may choose.</summary>
    public static readonly IReadOnlyList<string> All = [Explained, Breach, FalseAlarm];
}
