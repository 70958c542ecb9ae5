using System.Globalization;
using PhoneSafe.Simulator.Cli;
using PhoneSafe.Simulator.Provisioning;
using PhoneSafe.Simulator.Scenarios;

// phonesafe-sim <scenario|file.json> --school <provisioning.json> [--broker host[:port]] [--speed x] [--rate n]
//               [--date yyyy-MM-dd] [--lockers n] [--journal-bytes n] [--drain-seconds n] [--state dir|none]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Any(a => a is "--help" or "-h"))
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

if (!CommandLine.TryParse(args, out CommandLine? command, out string? error))
{
    await Console.Error.WriteLineAsync(error);
    await Console.Error.WriteLineAsync(CommandLine.Usage);
    return 2;
}

Scenario scenario;
SimulationFile school;
try
{
    scenario = ScenarioLoader.Load(command.Scenario);
    school = SimulationFile.Load(command.SchoolFile);
}
catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

if (command.Lockers is int limit)
{
    school = school with { Lockers = school.Lockers.Take(limit).ToList() };
}

if (scenario.Exceptions.Count > 0 || scenario.Calendar is not null)
{
    Console.WriteLine("note: this scenario's calendar and exceptions are gateway data; set them through the gateway API for its flags to match.");
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var options = new ScenarioRunOptions
{
    Speed = command.Speed,
    Rate = command.Rate,
    Date = command.Date,
    JournalBytes = command.JournalBytes,
    StateDirectory = command.StateDirectory,
    DrainTimeout = TimeSpan.FromSeconds(command.DrainSeconds),
    ProgressInterval = Console.IsOutputRedirected ? TimeSpan.FromSeconds(10) : TimeSpan.FromMilliseconds(250),
};
string host = command.Host ?? school.Broker?.Host ?? "127.0.0.1";
int port = command.Port ?? school.Broker?.Port ?? 1883;
string security = school.Broker is null ? "plain, anonymous" : "TLS, locker accounts";
Console.WriteLine($"{scenario.Name}: {school.Lockers.Count} lockers of {school.School}, {school.People.Count} people, broker {host}:{port} ({security}), speed {options.Speed ?? scenario.Speed}x");
using var runner = new ScenarioRunner(scenario, school, host, port, options) { Progress = new ProgressLine() };
RunSummary summary = runner.Run(cancel.Token);
ProgressLine.Finish();
Console.WriteLine(summary);
return summary.Outstanding == 0 && !summary.Problems.Any() ? 0 : 1;
