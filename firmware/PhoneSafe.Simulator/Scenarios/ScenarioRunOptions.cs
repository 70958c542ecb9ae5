namespace PhoneSafe.Simulator.Scenarios;

/// <summary>
/// How a <see cref="ScenarioRunner"/> runs a scenario; null values take the scenario's own.
/// </summary>
public sealed class ScenarioRunOptions
{
    /// <summary>Gets the speed (virtual seconds per real second; 0 = as fast as possible).</summary>
    public double? Speed { get; init; }

    /// <summary>Gets the day to run instead of the scenario's date.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Gets the churn rate (actions per second) instead of the scenario's.</summary>
    public double? Rate { get; init; }

    /// <summary>Gets the journal size per locker, in bytes.</summary>
    public int? JournalBytes { get; init; }

    /// <summary>
    /// Gets a folder where each locker's flash and settings are loaded from at start and saved to when the runner
    /// is disposed (see <see cref="LockerState"/>), or null for factory-fresh lockers.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>Gets the virtual milliseconds per main-loop pass when nothing happens (the device runs one every 50 ms).</summary>
    public int IdlePassMilliseconds { get; init; } = 1000;

    /// <summary>Gets how long to wait (real time) for every locker to apply its configuration.</summary>
    public TimeSpan ConfigTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how long to wait (real time) at the end for every journal to be acknowledged.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets how often progress is reported (real time).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
