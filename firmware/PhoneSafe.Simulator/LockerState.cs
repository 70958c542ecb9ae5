using System.Globalization;
using System.Text.Json;
using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Simulator;

/// <summary>
/// Keeps a virtual locker's flash (journal segments) and settings (boot counter, configuration, occupants, acknowledged
/// sequence, run commands) in files between runs, as a real unit keeps them across power cycles. Without it a new
/// run is a factory-fresh unit whose sequence numbers start at 1 again, which a gateway that already holds the
/// earlier run's events refuses as replays.
/// </summary>
public static class LockerState
{
    private static readonly string[] s_settings =
    [
        LockerController.BootSetting, LockerController.ConfigSetting, LockerController.OccupantsSetting,
        EventJournal.AckedSetting, CommandHandler.RunCommandsSetting,
    ];

    /// <summary>
    /// Loads a locker's saved flash and settings, if any; call before it boots.
    /// </summary>
    /// <param name="directory">The state folder.</param>
    /// <param name="locker">The locker (not booted yet).</param>
    /// <returns>true when a saved state was loaded.</returns>
    /// <exception cref="InvalidDataException">The saved journal has larger segments than this run.</exception>
    public static bool Load(string directory, VirtualLocker locker)
    {
        string journal = Path.Combine(directory, locker.Settings.Device + ".journal.json");
        string settings = Path.Combine(directory, locker.Settings.Device + ".settings.json");
        if (!File.Exists(journal) || !File.Exists(settings))
        {
            return false;
        }

        foreach ((string segment, string value) in JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(journal)) ?? [])
        {
            byte[] bytes = Convert.FromBase64String(value);
            if (bytes.Length > locker.Flash.SegmentBytes)
            {
                throw new InvalidDataException($"{journal} holds a segment of {bytes.Length} bytes, this run uses {locker.Flash.SegmentBytes}");
            }

            locker.Flash.Append(int.Parse(segment, CultureInfo.InvariantCulture), bytes, 0, bytes.Length);
        }

        foreach ((string name, string value) in JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(settings)) ?? [])
        {
            locker.Store.Write(name, Convert.FromBase64String(value));
        }

        return true;
    }

    /// <summary>
    /// Saves a locker's flash and settings.
    /// </summary>
    /// <param name="directory">The state folder (created if missing).</param>
    /// <param name="locker">The locker.</param>
    public static void Save(string directory, VirtualLocker locker)
    {
        Directory.CreateDirectory(directory);
        var segments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (int segment in locker.Flash.ListSegments())
        {
            byte[] bytes = new byte[locker.Flash.Length(segment)];
            locker.Flash.Read(segment, 0, bytes, 0, bytes.Length);
            segments[segment.ToString(CultureInfo.InvariantCulture)] = Convert.ToBase64String(bytes);
        }

        File.WriteAllText(Path.Combine(directory, locker.Settings.Device + ".journal.json"), JsonSerializer.Serialize(segments));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in s_settings)
        {
            if (locker.Store.Read(name) is byte[] value)
            {
                settings[name] = Convert.ToBase64String(value);
            }
        }

        File.WriteAllText(Path.Combine(directory, locker.Settings.Device + ".settings.json"), JsonSerializer.Serialize(settings));
    }
}
