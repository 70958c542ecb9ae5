using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhoneSafe.Firmware.Core.Tests.Protocol;

/// <summary>tests/vectors/protocol-v1.json, written by tests/vectors/generate.py (an independent Python implementation).</summary>
public sealed class GoldenVectors
{
    [JsonPropertyName("school")]
    public string School { get; set; }

    [JsonPropertyName("device")]
    public string Device { get; set; }

    [JsonPropertyName("deviceKeyHex")]
    public string DeviceKeyHex { get; set; }

    [JsonPropertyName("credentialKeyHex")]
    public string CredentialKeyHex { get; set; }

    [JsonPropertyName("credentials")]
    public CredentialVector[] Credentials { get; set; }

    [JsonPropertyName("events")]
    public MessageVector[] Events { get; set; }

    [JsonPropertyName("acks")]
    public MessageVector[] Acks { get; set; }

    [JsonPropertyName("configs")]
    public MessageVector[] Configs { get; set; }

    [JsonPropertyName("commands")]
    public MessageVector[] Commands { get; set; }

    [JsonPropertyName("results")]
    public MessageVector[] Results { get; set; }

    [JsonPropertyName("restores")]
    public MessageVector[] Restores { get; set; }
    [JsonPropertyName("updateImageHex")]
    public string UpdateImageHex { get; set; }

    [JsonPropertyName("updates")]
    public MessageVector[] Updates { get; set; }

    [JsonPropertyName("progress")]
    public MessageVector[] Progress { get; set; }

    public static GoldenVectors Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "vectors", "protocol-v1.json");
        return JsonSerializer.Deserialize<GoldenVectors>(File.ReadAllText(path));
    }
}

public sealed class CredentialVector
{
    [JsonPropertyName("uidHex")]
    public string UidHex { get; set; }

    [JsonPropertyName("hash")]
    public string Hash { get; set; }
}

public sealed class MessageVector
{
    [JsonPropertyName("name")]
    public string Name { get; set; }

    [JsonPropertyName("topic")]
    public string Topic { get; set; }

    [JsonPropertyName("payload")]
    public string Payload { get; set; }

    [JsonPropertyName("expect")]
    public string Expect { get; set; }

    [JsonPropertyName("reencodes")]
    public bool Reencodes { get; set; }

    public override string ToString() => Name;
}
