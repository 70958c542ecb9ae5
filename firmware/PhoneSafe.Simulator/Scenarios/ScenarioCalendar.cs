namespace PhoneSafe.Simulator.Scenarios;

/// <summary>
/// The school-day timings a scenario assumes (Monday to Friday, in a term around the scenario's date).
/// </summary>
public sealed class ScenarioCalendar
{
    /// <summary>Gets the contact windows, "HH:mm-HH:mm" local.</summary>
    public IReadOnlyList<string> Contact { get; init; } = ["08:45-12:15", "13:05-15:15"];

    /// <summary>Gets home-time, "HH:mm" local.</summary>
    public string HomeTime { get; init; } = "15:15";
}
