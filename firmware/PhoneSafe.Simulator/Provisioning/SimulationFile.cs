using System.Text.Json;
using PhoneSafe.Firmware.Core.Locker;

namespace PhoneSafe.Simulator.Provisioning;

/// <summary>
/// What the simulator needs to act as a school's lockers: the keys of each unit, the school's credential key and the
/// people with their simulated cards. Written by the gateway (<c>export-simulation</c>) or built in memory (demo, tests).
/// Holds secrets of a test school: keep it out of version control.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="CredentialKey">The school's 32-byte credential key, hex.</param>
/// <param name="Lockers">Registered units.</param>
/// <param name="People">People with simulated cards.</param>
public sealed record SimulationFile(string School, string CredentialKey, IReadOnlyList<SimulatedLocker> Lockers, IReadOnlyList<SimulatedPerson> People)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Gets the secured broker the lockers use (TLS, own accounts), or null for a plain anonymous broker.</summary>
    public SimulatedBroker? Broker { get; init; }

    /// <summary>
    /// Reads a provisioning file.
    /// </summary>
    /// <param name="path">File path.</param>
    /// <returns>The file's content.</returns>
    /// <exception cref="InvalidDataException">The file is not a provisioning file.</exception>
    public static SimulationFile Load(string path)
    {
        SimulationFile? file = JsonSerializer.Deserialize<SimulationFile>(File.ReadAllText(path), s_json);
        if (file is null || string.IsNullOrEmpty(file.School) || file.Lockers is null || file.People is null || file.CredentialKey?.Length != 64)
        {
            throw new InvalidDataException($"{path} is not a simulation provisioning file (school, credentialKey, lockers, people)");
        }

        return file;
    }

    /// <summary>
    /// Writes the file as indented JSON.
    /// </summary>
    /// <param name="path">File path.</param>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, s_json));

    /// <summary>
    /// The settings to load into one locker.
    /// </summary>
    /// <param name="locker">The unit.</param>
    /// <returns>Identity and keys.</returns>
    public LockerSettings SettingsFor(SimulatedLocker locker) => new()
    {
        School = School,
        Device = locker.Id,
        DeviceKey = Convert.FromHexString(locker.DeviceKey),
        CredentialKey = Convert.FromHexString(CredentialKey),
    };
}
