using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Options;

/// <summary>
/// Expiry rules (appsettings section "FlagExpiryOptions"): after how many days an open flag of a kind is closed by the
/// gateway as <see cref="FlagResolution.Expired"/>, with the rule in its history. Flags under investigation are never
/// closed by a rule. Checked at start-up: a gateway with a bad rule does not start.
/// </summary>
public sealed class FlagExpiryOptions
{
    /// <summary>The longest expiry, in days.</summary>
    public const int MaxDays = 3650;

    /// <summary>
    /// Gets or sets the days after which open flags of each kind are closed; a kind that is not listed, or 0, never
    /// expires. By default reports and faults expire (no-deposit summaries and offline lockers after 7 days,
    /// unsynchronised clocks after 14) and possible breaches never do: a person decides those.
    /// </summary>
    public Dictionary<string, int> AutoCloseDays { get; set; } = new(StringComparer.Ordinal)
    {
        [FlagKind.NoDepositByContactTime] = 7,
        [FlagKind.LockerOffline] = 7,
        [FlagKind.TimeUnsynchronised] = 14,
    };

    /// <summary>
    /// Lists what is wrong with the rules.
    /// </summary>
    /// <returns>One message per bad rule; empty when valid.</returns>
    public IReadOnlyList<string> Problems() =>
    [
        .. AutoCloseDays.Where(r => !FlagKind.All.Contains(r.Key)).Select(r => $"FlagExpiryOptions:AutoCloseDays: '{r.Key}' is not a flag kind ({string.Join(", ", FlagKind.All)})"),
        .. AutoCloseDays.Where(r => r.Value is < 0 or > MaxDays).Select(r => $"FlagExpiryOptions:AutoCloseDays:{r.Key} must be 0 (never) to {MaxDays} days, not {r.Value}"),
    ];
}
