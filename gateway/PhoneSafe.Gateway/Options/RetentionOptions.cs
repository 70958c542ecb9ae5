namespace PhoneSafe.Gateway.Options;

/// <summary>
/// Retention settings (appsettings section "RetentionOptions"): the default periods, per-school overrides, the
/// trust-wide periods and the daily purge.
/// </summary>
public sealed class RetentionOptions : RetentionPeriods
{
    /// <summary>Gets or sets a value indicating whether the gateway purges by itself every day (the purge verb works either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how long after start the first daily purge runs, in minutes.</summary>
    public int FirstRunDelayMinutes { get; set; } = 10;

    /// <summary>Gets or sets how long dashboard audit lines are kept: 730 days (trust-wide).</summary>
    public int AuditDays { get; set; } = 730;

    /// <summary>Gets or sets how long quarantined messages are kept: 90 days (trust-wide).</summary>
    public int QuarantineDays { get; set; } = 90;

    /// <summary>Gets or sets the periods of schools that chose otherwise, by school identifier; a school listed here uses
    /// its own values (unset ones take the built-in defaults, not the values above).</summary>
    public Dictionary<string, RetentionPeriods> Schools { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets the periods that apply to a school.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <returns>Its override, or these defaults.</returns>
    public RetentionPeriods For(string school) => Schools.TryGetValue(school, out RetentionPeriods? own) ? own : this;
}
