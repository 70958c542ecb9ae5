using System.Text.Json;

namespace PhoneSafe.Simulator.Scenarios;

/// <summary>
/// One step: an action at a local time, or spread evenly from <see cref="At"/> to <see cref="Until"/> over a group.
/// </summary>
public sealed class ScenarioStep
{
    /// <summary>Gets the local time, "HH:mm" or "HH:mm:ss".</summary>
    public string At { get; init; } = "00:00";

    /// <summary>Gets the end of the spread, or null for one moment.</summary>
    public string? Until { get; init; }

    /// <summary>
    /// Gets the action: deposit, retrieve, use, intake, release, leave-open, force, network-down, network-up or churn.
    /// </summary>
    public string Do { get; init; } = string.Empty;

    /// <summary>
    /// Gets who: a staff code or admission number, a display name, an array of them, or a group: all-staff,
    /// all-pupils, phones-in (staff whose phone is in a locker), pupils-in-office.
    /// </summary>
    public JsonElement Who { get; init; }

    /// <summary>Gets at most how many of the group act (0 = all).</summary>
    public int Count { get; init; }

    /// <summary>Gets the locker (default: the person's own classroom unit, the office unit, or "all" for network steps).</summary>
    public string? Locker { get; init; }

    /// <summary>Gets the compartment for force (default: the first free one).</summary>
    public int Compartment { get; init; }

    /// <summary>Gets how long a door stays open, in seconds (leave-open default 300, force default 5, others 3).</summary>
    public int Seconds { get; init; }

    /// <summary>Gets the churn rate, in actions per second over the whole fleet.</summary>
    public double Rate { get; init; }

    /// <summary>Gets the office member of staff for intake/release (default: the first office person).</summary>
    public string? By { get; init; }

    /// <summary>Gets a free-text note shown in the log.</summary>
    public string? Note { get; init; }
}
