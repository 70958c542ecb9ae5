using PhoneSafe.Simulator.Scenarios;

namespace PhoneSafe.Simulator.Cli;

/// <summary>
/// Shows progress on one updating line on a terminal, or as a line every report when the output is redirected.
/// </summary>
internal sealed class ProgressLine : IProgress<RunProgress>
{
    private static bool s_written;

    /// <summary>Ends the updating line.</summary>
    public static void Finish()
    {
        if (s_written && !Console.IsOutputRedirected)
        {
            Console.WriteLine();
        }
    }

    /// <inheritdoc/>
    public void Report(RunProgress value)
    {
        string line = $"{value.Phase,-11} {value.LocalTime:HH:mm:ss}  actions {value.ActionsDone}/{value.ActionsPlanned}  events {value.EventsRecorded}  acked {value.EventsAcknowledged}  outstanding {value.Outstanding}  problems {value.Problems}  [{value.Elapsed:hh\\:mm\\:ss}]";
        s_written = true;
        if (Console.IsOutputRedirected)
        {
            Console.WriteLine(line);
        }
        else
        {
            Console.Write("\r" + line.PadRight(Math.Max(Console.WindowWidth - 1, line.Length)));
        }
    }
}
