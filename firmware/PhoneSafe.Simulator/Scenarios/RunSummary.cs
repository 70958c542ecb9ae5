using System.Globalization;
using System.Text;

namespace PhoneSafe.Simulator.Scenarios;

/// <summary>
/// The result of a run.
/// </summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Elapsed">Real time taken.</param>
/// <param name="ActionsDone">Actions done.</param>
/// <param name="Lockers">Each locker.</param>
public sealed record RunSummary(string Scenario, TimeSpan Elapsed, int ActionsDone, IReadOnlyList<LockerReport> Lockers)
{
    /// <summary>Gets the events written to journals.</summary>
    public long EventsRecorded => Lockers.Sum(l => l.EventsRecorded);

    /// <summary>Gets the events acknowledged.</summary>
    public long EventsAcknowledged => Lockers.Sum(l => l.AcknowledgedThrough);

    /// <summary>Gets the events not acknowledged.</summary>
    public long Outstanding => Lockers.Sum(l => l.Outstanding);

    /// <summary>Gets every problem, prefixed with its locker.</summary>
    public IEnumerable<string> Problems => Lockers.SelectMany(l => l.Problems.Select(p => $"{l.Locker}: {p}"));

    /// <summary>
    /// The summary as text for a console.
    /// </summary>
    /// <returns>Several lines.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        double seconds = Math.Max(Elapsed.TotalSeconds, 0.001);
        text.AppendLine(CultureInfo.InvariantCulture, $"scenario {Scenario}: {Lockers.Count} lockers, {ActionsDone} actions in {Elapsed.TotalSeconds:0.0} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"events sent {EventsRecorded}, acked {EventsAcknowledged}, outstanding {Outstanding} ({EventsRecorded / seconds:0.0} events/s)");
        foreach (LockerReport locker in Lockers.Where(l => l.Problems.Count > 0 || l.Outstanding > 0 || l.Lost > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {locker.Locker}: outstanding {locker.Outstanding}, lost {locker.Lost}, failed connects {locker.FailedConnects}");
            foreach (string problem in locker.Problems.Take(10))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {problem}");
            }

            if (locker.Problems.Count > 10)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    … and {locker.Problems.Count - 10} more");
            }
        }

        return text.ToString();
    }
}
