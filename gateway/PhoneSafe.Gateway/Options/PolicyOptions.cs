using System.ComponentModel.DataAnnotations;

namespace PhoneSafe.Gateway.Options;

/// <summary>
/// Settings of the policy engine (appsettings section "PolicyOptions").
/// </summary>
public sealed class PolicyOptions
{
    /// <summary>Gets or sets how often new ledger events and time-based checks are evaluated, in seconds (1 to 3600).</summary>
    [Range(1, int.MaxValue)]
    public int EvaluateSeconds { get; set; } = 15;

    /// <summary>Gets or sets how many ledger events are evaluated per transaction.</summary>
    [Range(1, int.MaxValue)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Gets or sets the minutes after home-time after which a pupil phone still held at the office is flagged as not
    /// collected (0 to 1440).
    /// </summary>
    public int NotCollectedAfterMinutes { get; set; } = 60;
}
