using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PhoneSafe.Simulator.Cli;

/// <summary>
/// The simulator's command-line arguments.
/// </summary>
/// <param name="Scenario">A scenario name (school-day, outage, tamper, load) or a .json path.</param>
/// <param name="SchoolFile">The provisioning file written by the gateway's export-simulation verb.</param>
internal sealed record CommandLine(string Scenario, string SchoolFile)
{
    /// <summary>How to call the program.</summary>
    public const string Usage = """
        usage: phonesafe-sim <scenario|file.json> --school <provisioning.json> [--broker host[:port]] [--speed x]
                             [--rate n] [--date yyyy-MM-dd] [--lockers n] [--journal-bytes n] [--drain-seconds n] [--state dir|none]
          scenario        school-day, outage, tamper, load (shipped) or a path to your own file
          --school        provisioning file: dotnet run --project gateway/PhoneSafe.Gateway -- export-simulation <school> <file>
          --broker        MQTT broker (default: the file's secured broker (TLS, CA and accounts from the file), else 127.0.0.1:1883)
          --speed         virtual seconds per real second (default: the scenario's; 0 = as fast as possible)
          --rate          churn actions per second (load)
          --date          run on this day instead of the scenario's
          --lockers       use only the first n lockers of the file
          --journal-bytes journal per locker (64 bytes per event)
          --drain-seconds how long to wait at the end for acknowledgements (default 60)
          --state         where the lockers' flash and settings live between runs (default: <provisioning file>.state;
                          "none" = factory-fresh lockers, only for a gateway that has never heard of them)
          -h, --help      this text
        exit code: 0 all events acknowledged and no problems, 1 otherwise, 2 bad arguments
        """;

    /// <summary>Gets the broker host, or null for the provisioning file's (else 127.0.0.1).</summary>
    public string? Host { get; init; }

    /// <summary>Gets the broker port, or null for the provisioning file's (else 1883).</summary>
    public int? Port { get; init; }

    /// <summary>Gets the speed override.</summary>
    public double? Speed { get; init; }

    /// <summary>Gets the churn rate override.</summary>
    public double? Rate { get; init; }

    /// <summary>Gets the day override.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Gets how many lockers to use.</summary>
    public int? Lockers { get; init; }

    /// <summary>Gets the journal size override.</summary>
    public int? JournalBytes { get; init; }

    /// <summary>Gets the state folder, or null for factory-fresh lockers.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Gets the drain timeout in seconds.</summary>
    public int DrainSeconds { get; init; } = 60;

    /// <summary>
    /// Reads the arguments.
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="command">The result.</param>
    /// <param name="error">What is wrong.</param>
    /// <returns>true when valid.</returns>
    public static bool TryParse(string[] args, [NotNullWhen(true)] out CommandLine? command, [NotNullWhen(false)] out string? error)
    {
        command = null;
        error = null;
        string? scenario = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length)
                {
                    error = $"{args[i]} needs a value";
                    return false;
                }

                values[args[i][2..]] = args[++i];
            }
            else
            {
                scenario = args[i];
            }
        }

        string[] known = ["school", "broker", "speed", "rate", "date", "lockers", "journal-bytes", "drain-seconds", "state"];
        string? unknown = values.Keys.FirstOrDefault(k => !known.Contains(k));
        if (scenario is null || !values.TryGetValue("school", out string? school) || unknown is not null)
        {
            error = unknown is not null ? $"unknown option --{unknown}" : "a scenario and --school are required";
            return false;
        }

        string? host = null;
        int? port = null;
        if (values.TryGetValue("broker", out string? broker))
        {
            string[] parts = broker.Split(':');
            host = parts[0];
            if (parts.Length > 1)
            {
                if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int given))
                {
                    error = $"--broker {broker}: port is not a number";
                    return false;
                }

                port = given;
            }
        }

        try
        {
            command = new CommandLine(scenario, school)
            {
                Host = host,
                Port = port,
                Speed = values.TryGetValue("speed", out string? speed) ? double.Parse(speed, CultureInfo.InvariantCulture) : null,
                Rate = values.TryGetValue("rate", out string? rate) ? double.Parse(rate, CultureInfo.InvariantCulture) : null,
                Date = values.TryGetValue("date", out string? date) ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                Lockers = values.TryGetValue("lockers", out string? lockers) ? int.Parse(lockers, CultureInfo.InvariantCulture) : null,
                JournalBytes = values.TryGetValue("journal-bytes", out string? journal) ? int.Parse(journal, CultureInfo.InvariantCulture) : null,
                StateDirectory = values.TryGetValue("state", out string? state) ? (state == "none" ? null : state) : school + ".state",
                DrainSeconds = values.TryGetValue("drain-seconds", out string? drain) ? int.Parse(drain, CultureInfo.InvariantCulture) : 60,
            };
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }
}
