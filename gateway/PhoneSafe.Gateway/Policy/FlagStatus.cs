namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Where a flag is in its review (stored as these words).
/// </summary>
public static class FlagStatus
{
    /// <summary>Raised, not yet looked at.</summary>
    public const string Open = "open";

    /// <summary>Someone is investigating.</summary>
    public const string UnderInvestigation = "under-investigation";

    /// <summary>Decided, with a <see cref="FlagResolution"/>.</summary>
    public const string Resolved = "resolved";

    /// <summary>Raised while a recorded exception applied: on record, needs no review.</summary>
    public const string Suppressed = "suppressed";

    /// <summary>Every valid word.</summary>
    public static readonly IReadOnlyList<string> All = [Open, UnderInvestigation, Resolved, Suppressed];
}
