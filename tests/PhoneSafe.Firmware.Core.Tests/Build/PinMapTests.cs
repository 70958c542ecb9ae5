using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Build;

/// <summary>
/// hardware/locker-unit/pinmap.json is the single source of truth for the wiring; the board program's BoardPins.cs
/// must declare exactly the same pins. (hardware/check-pinmap.py also checks the wiring diagrams and README tables.)
/// </summary>
public sealed class PinMapTests
{
    private static readonly JsonElement s_pinMap = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("hardware", "locker-unit", "pinmap.json"))).RootElement;

    [Fact]
    public void BoardPins_DeclareExactlyThePinMapsPins()
    {
        Dictionary<string, int> expected = s_pinMap.GetProperty("pins").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("gpio").GetInt32());
        string boardPins = File.ReadAllText(RepositoryPaths.Combine("firmware", "PhoneSafe.Firmware.Esp32", "BoardPins.cs"));
        Dictionary<string, int> declared = Regex.Matches(boardPins, @"public const int (\w+) = (\d+);")
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected.OrderBy(p => p.Key), declared.OrderBy(p => p.Key));
    }

    [Fact]
    public void PinMap_UsesNoReservedPin_AndInputOnlyPinsOnlyAsInputs()
    {
        int[] reserved = s_pinMap.GetProperty("reservedGpio").EnumerateArray()
            .SelectMany(r => r.GetProperty("gpio").EnumerateArray().Select(g => g.GetInt32())).ToArray();
        foreach (JsonElement pin in s_pinMap.GetProperty("pins").EnumerateArray())
        {
            int gpio = pin.GetProperty("gpio").GetInt32();
            string name = pin.GetProperty("name").GetString()!;
            Assert.DoesNotContain(gpio, reserved);
            if (gpio is >= 34 and <= 39)
            {
                // ESP32 datasheet: GPIO34-39 are input-only and have no internal pull resistors.
                Assert.True(pin.GetProperty("direction").GetString() == "input", $"{name} on input-only GPIO{gpio}");
            }
        }

        Assert.Equal(
            s_pinMap.GetProperty("pins").GetArrayLength(),
            s_pinMap.GetProperty("pins").EnumerateArray().Select(p => p.GetProperty("gpio").GetInt32()).Distinct().Count());
    }
}
