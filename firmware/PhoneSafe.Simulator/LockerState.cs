using System.Text.Json;
using PhoneSafe.Firmware.Core.Journal;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Simulator;

/// <summary>
/// Keeps a virtual locker's flash (journal) and settings (boot counter, configuration, occupants, acknowledged
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
    /// <exception cref="InvalidDataException">The saved journal has another size.</exception>
    public static bool Load(string directory, VirtualLocker locker)
    {
        string flash = Path.Combine(directory, locker.Settings.Device + ".flash");
        string settings = Path.Combine(directory, locker.Settings.Device + ".settings.json");
        if (!File.Exists(flash) || !File.Exists(settings))
        {
            return false;
        }

        byte[] bytes = File.ReadAllBytes(flash);
        if (bytes.Length != locker.Flash.SizeBytes)
        {
            throw new InvalidDataException($"{flash} holds a journal of {bytes.Length} bytes, this run uses {locker.Flash.SizeBytes}");
        }

        locker.Flash.Write(0, bytes, 0, bytes.Length);
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
        byte[] bytes = new byte[locker.Flash.SizeBytes];
        locker.Flash.Read(0, bytes, 0, bytes.Length);
        File.WriteAllBytes(Path.Combine(directory, locker.Settings.Device + ".flash"), bytes);
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
