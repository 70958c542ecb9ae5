namespace PhoneSafe.Simulator.Scenarios;

/// <summary>
/// An exception recorded before the scenario's day, for the scenario's date only.
/// </summary>
public sealed class ScenarioException
{
    /// <summary>Gets the kind: "slt-agreed" or "trip".</summary>
    public string Kind { get; init; } = "slt-agreed";

    /// <summary>Gets the trip's name (trips only).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the staff codes covered.</summary>
    public IReadOnlyList<string> People { get; init; } = [];

    /// <summary>Gets who agreed it (SLT member) or leads the trip.</summary>
    public string ApprovedBy { get; init; } = "S001";

    /// <summary>Gets why.</summary>
    public string Reason { get; init; } = "scenario";
}
