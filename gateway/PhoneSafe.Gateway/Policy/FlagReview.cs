namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// The review workflow: open → under investigation → resolved (explained, breach or false alarm); a resolved or
/// suppressed flag can be reopened for investigation. Every change is kept in the flag's history.
/// </summary>
public static class FlagReview
{
    /// <summary>
    /// Checks a requested change.
    /// </summary>
    /// <param name="current">The flag's status now.</param>
    /// <param name="next">The requested status.</param>
    /// <param name="resolution">The resolution, required exactly when <paramref name="next"/> is resolved.</param>
    /// <returns>null when allowed; otherwise why not.</returns>
    public static string? Check(string current, string next, string? resolution)
    {
        if (!FlagStatus.All.Contains(next) || next == FlagStatus.Suppressed)
        {
            return $"status must be one of: {FlagStatus.Open}, {FlagStatus.UnderInvestigation}, {FlagStatus.Resolved}";
        }

        bool allowed = (current, next) switch
        {
            (FlagStatus.Open, FlagStatus.UnderInvestigation or FlagStatus.Resolved) => true,
            (FlagStatus.UnderInvestigation, FlagStatus.UnderInvestigation or FlagStatus.Resolved) => true,
            (FlagStatus.Resolved or FlagStatus.Suppressed, FlagStatus.UnderInvestigation) => true,
            _ => false,
        };
        if (!allowed)
        {
            return $"a flag that is {current} cannot become {next}";
        }

        if (next == FlagStatus.Resolved && (resolution is null || !FlagResolution.All.Contains(resolution)))
        {
            return "resolving needs a resolution: " + string.Join(", ", FlagResolution.All);
        }

        if (next != FlagStatus.Resolved && resolution is not null)
        {
            return "a resolution is only given when resolving";
        }

        return null;
    }
}
