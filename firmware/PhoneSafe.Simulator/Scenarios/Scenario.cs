using PhoneSafe.Simulator.Provisioning;

namespace PhoneSafe.Simulator.Scenarios;

/// <summary>
/// A scripted day at the lockers, read from a JSON file (comments and trailing commas allowed) under
/// <c>ShippedScenarios/</c>. Times are local to <see cref="TimeZone"/> on <see cref="Date"/>; firmware/README.md describes
/// every field and action.
/// </summary>
public sealed class Scenario
{
    /// <summary>Gets the scenario's name.</summary>
    public string Name { get; init; } = "scenario";

    /// <summary>Gets what the scenario shows.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the day, "yyyy-MM-dd"; the lockers' clocks are synchronised to it.</summary>
    public string Date { get; init; } = "2026-11-18";

    /// <summary>Gets the school's time zone (IANA id).</summary>
    public string TimeZone { get; init; } = "Europe/London";

    /// <summary>Gets the local time the lockers boot, "HH:mm".</summary>
    public string Start { get; init; } = "07:30";

    /// <summary>Gets the local time the day ends, "HH:mm".</summary>
    public string End { get; init; } = "17:00";

    /// <summary>Gets the virtual seconds per real second (1 = real time, 0 = as fast as possible).</summary>
    public double Speed { get; init; } = 600;

    /// <summary>Gets the seed of the random choices (order of a group, churn).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the journal flash region of each locker in bytes (64 per event; the device has 131,072).</summary>
    public int JournalBytes { get; init; } = 131072;

    /// <summary>Gets the school's size when a test or the demo creates it (the CLI uses the provisioning file instead).</summary>
    public SchoolSize School { get; init; } = new();

    /// <summary>Gets the calendar the gateway needs for the day (applied by the tests and the demo).</summary>
    public ScenarioCalendar? Calendar { get; init; }

    /// <summary>Gets the exceptions recorded before the day (applied by the tests and the demo).</summary>
    public IReadOnlyList<ScenarioException> Exceptions { get; init; } = [];

    /// <summary>Gets the steps, in any order (they run in time order).</summary>
    public IReadOnlyList<ScenarioStep> Steps { get; init; } = [];

    /// <summary>Gets the flags the gateway should raise (checked by the end-to-end tests).</summary>
    public IReadOnlyList<ScenarioExpectation> Expect { get; init; } = [];
}
