using System.Text.Json;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>tests/vectors/protocol-v1.json (written by tests/vectors/generate.py), as the gateway tests read it.</summary>
public static class VectorFile
{
    private static readonly JsonElement s_root = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "protocol-v1.json"))).RootElement;

    public static string School => s_root.GetProperty("school").GetString()!;

    public static string Device => s_root.GetProperty("device").GetString()!;

    public static byte[] DeviceKey => Convert.FromHexString(s_root.GetProperty("deviceKeyHex").GetString()!);

    public static IEnumerable<(string Name, string Topic, string Payload, string Expect)> Events =>
        s_root.GetProperty("events").EnumerateArray().Select(e => (
            e.GetProperty("name").GetString()!,
            e.GetProperty("topic").GetString()!,
            e.GetProperty("payload").GetString()!,
            e.GetProperty("expect").GetString()!));
}
