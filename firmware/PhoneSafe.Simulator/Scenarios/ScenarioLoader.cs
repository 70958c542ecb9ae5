using System.Globalization;
using System.Text.Json;

namespace PhoneSafe.Simulator.Scenarios;

/// <summary>
/// Reads scenario files and finds the ones shipped with the simulator.
/// </summary>
public static class ScenarioLoader
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] s_actions = ["deposit", "retrieve", "use", "intake", "release", "leave-open", "force", "network-down", "network-up", "churn"];

    /// <summary>Gets the folder of the shipped scenarios (next to the simulator's assembly).</summary>
    public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "ShippedScenarios");

    /// <summary>
    /// Reads a scenario from a path, or a shipped one by name ("school-day").
    /// </summary>
    /// <param name="pathOrName">A .json path or the name of a shipped scenario.</param>
    /// <returns>The checked scenario.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid scenario; the message names the step and field.</exception>
    public static Scenario Load(string pathOrName)
    {
        string path = File.Exists(pathOrName) ? pathOrName : Path.Combine(ShippedFolder, pathOrName + ".json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no scenario file {pathOrName} (shipped: {string.Join(", ", Directory.EnumerateFiles(ShippedFolder, "*.json").Select(Path.GetFileNameWithoutExtension))})");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// Parses and checks scenario JSON.
    /// </summary>
    /// <param name="json">The text.</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <returns>The checked scenario.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid scenario.</exception>
    public static Scenario Parse(string json, string source)
    {
        Scenario scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(json, s_json) ?? throw new InvalidDataException($"{source}: empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }

        Check(DateOnly.TryParseExact(scenario.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), source, "date", scenario.Date);
        Check(TryParseTime(scenario.Start, out _), source, "start", scenario.Start);
        Check(TryParseTime(scenario.End, out _), source, "end", scenario.End);
        Check(scenario.Speed >= 0, source, "speed", scenario.Speed.ToString(CultureInfo.InvariantCulture));
        Check(scenario.JournalBytes >= 1024 && scenario.JournalBytes % 64 == 0, source, "journalBytes", scenario.JournalBytes.ToString(CultureInfo.InvariantCulture));
        for (int i = 0; i < scenario.Steps.Count; i++)
        {
            ScenarioStep step = scenario.Steps[i];
            string where = $"steps[{i}]";
            Check(TryParseTime(step.At, out _), source, where + ".at", step.At);
            Check(step.Until is null || TryParseTime(step.Until, out _), source, where + ".until", step.Until);
            Check(s_actions.Contains(step.Do), source, where + ".do", step.Do + " (one of " + string.Join(", ", s_actions) + ")");
            Check(step.Do != "churn" || (step.Rate > 0 && step.Until is not null), source, where + ".rate", "churn needs rate > 0 and until");
        }

        return scenario;
    }

    /// <summary>
    /// Reads "HH:mm" or "HH:mm:ss".
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="time">The time of day.</param>
    /// <returns>true when valid.</returns>
    public static bool TryParseTime(string? text, out TimeSpan time) =>
        TimeSpan.TryParseExact(text, ["hh\\:mm", "hh\\:mm\\:ss"], CultureInfo.InvariantCulture, out time) && time < TimeSpan.FromDays(1);

    private static void Check(bool valid, string source, string field, string? value)
    {
        if (!valid)
        {
            throw new InvalidDataException($"{source}: {field} is not valid: '{value}'");
        }
    }
}
