namespace PhoneSafe.Gateway.Options;

/// <summary>
/// How long each kind of personal record is kept, in days (docs/data-protection/retention.md gives the reasons).
/// </summary>
public class RetentionPeriods
{
    /// <summary>Gets or sets how long ledger events (and so custody sessions) are kept after they arrive: 120 days.</summary>
    public int EventDays { get; set; } = 120;

    /// <summary>Gets or sets how long flags resolved with no further action (explained, false alarm) or suppressed are kept after their last change: 120 days.</summary>
    public int ResolvedFlagDays { get; set; } = 120;

    /// <summary>Gets or sets how long flags resolved as a breach are kept after resolution: 365 days.</summary>
    public int BreachFlagDays { get; set; } = 365;

    /// <summary>Gets or sets how long exceptions (SLT-agreed, trips, Headteacher consents) are kept after they end: 365 days.</summary>
    public int ExceptionDays { get; set; } = 365;

    /// <summary>Gets or sets how long pupil phone intake and release records and parent notices are kept: 365 days.</summary>
    public int PupilRecordDays { get; set; } = 365;

    /// <summary>Gets or sets how long a revoked card's hash and link, and a leaver's record, are kept: 30 days.</summary>
    public int CredentialDays { get; set; } = 30;
}
