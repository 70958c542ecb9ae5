using System.Globalization;

namespace PhoneSafe.Gateway.Bench;

/// <summary>Command-line settings of the ingest benchmark.</summary>
internal sealed record BenchOptions(string Broker, int Lockers, int EventsPerLocker, int Rate, int Seconds, int StormLockers, int StormEvents, int StormSeconds, int Commands)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            int at = Array.IndexOf(args, "--" + name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        return new BenchOptions(
            Value("broker", File.Exists("/usr/sbin/mosquitto") ? "mosquitto" : "mqttnet"),
            Number("lockers", 50),
            Number("events", 2000),
            Number("rate", 1000),
            Number("seconds", 20),
            Number("storm-lockers", 1000),
            Number("storm-events", 500),
            Number("storm-seconds", 180),
            Number("commands", 200));
    }
}
