namespace PhoneSafe.Simulator.Scenarios;

/// <summary>
/// A flag the gateway should have raised after the scenario.
/// </summary>
public sealed class ScenarioExpectation
{
    /// <summary>Gets the flag kind, such as "staff-retrieve-in-contact-time".</summary>
    public string Flag { get; init; } = string.Empty;

    /// <summary>Gets the person it is about (staff code or admission number), or null for any.</summary>
    public string? Who { get; init; }

    /// <summary>Gets the locker it is about, or null for any.</summary>
    public string? Locker { get; init; }

    /// <summary>Gets the expected status: "open" or "suppressed".</summary>
    public string Status { get; init; } = "open";
}
