using System.Security.Cryptography;
using System.Text;
using PhoneSafe.Firmware.Core.Protocol;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Protocol;

/// <summary>
/// The firmware core's codec against the golden vectors. The gateway tests run the same file through the gateway's verifier.
/// </summary>
public sealed class GoldenVectorTests
{
    private static readonly GoldenVectors s_vectors = GoldenVectors.Load();
    private static readonly byte[] s_deviceKey = Convert.FromHexString(s_vectors.DeviceKeyHex);

    public static TheoryData<string> EventNames() => new(s_vectors.Events.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(EventNames))]
    public void EventCodec_TryDecode_GivesTheVectorsVerdict(string name)
    {
        MessageVector vector = s_vectors.Events.Single(v => v.Name == name);
        Topics.TryParse(vector.Topic, out _, out string device, out _);

        bool ok = EventCodec.TryDecode(Encoding.UTF8.GetBytes(vector.Payload), device, s_deviceKey, out LockerEvent decoded, out string reason);

        Assert.Equal(vector.Expect, ok ? "ok" : reason);
        if (vector.Reencodes)
        {
            Assert.Equal(vector.Payload, Encoding.UTF8.GetString(EventCodec.Encode(decoded, s_deviceKey)));
        }
    }

    [Fact]
    public void SignedVectors_TagIsHmacSha256OfBodyWithoutMac_PerDotNetCrypto()
    {
        foreach (MessageVector vector in s_vectors.Events.Concat(s_vectors.Acks).Concat(s_vectors.Configs).Concat(s_vectors.Commands).Concat(s_vectors.Results).Concat(s_vectors.Restores).Concat(s_vectors.Updates).Concat(s_vectors.Progress).Where(v => v.Expect == "ok"))
        {
            int macAt = vector.Payload.LastIndexOf(",\"mac\":\"", StringComparison.Ordinal);
            string body = vector.Payload[..macAt] + "}";
            string mac = vector.Payload.Substring(macAt + 8, 64);
            Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(s_deviceKey, Encoding.UTF8.GetBytes(body))), mac);
            Assert.Equal(mac, Hex.Encode(HmacSha256.Compute(s_deviceKey, Encoding.UTF8.GetBytes(body))));
        }
    }

    [Fact]
    public void CredentialHash_MatchesVectors()
    {
        byte[] key = Convert.FromHexString(s_vectors.CredentialKeyHex);
        foreach (CredentialVector vector in s_vectors.Credentials)
        {
            Assert.Equal(vector.Hash, CredentialHash.Compute(key, Convert.FromHexString(vector.UidHex)));
        }
    }

    [Fact]
    public void AckConfigCommandResultAndRestoreVectors_DecodeAsExpected()
    {
        foreach (MessageVector vector in s_vectors.Acks)
        {
            bool ok = AckCodec.TryDecode(Encoding.UTF8.GetBytes(vector.Payload), s_vectors.Device, s_deviceKey, out long sequence, out string reason);
            Assert.Equal(vector.Expect, ok ? "ok" : reason);
            if (ok)
            {
                Assert.Equal(vector.Payload, Encoding.UTF8.GetString(AckCodec.Encode(s_vectors.Device, sequence, s_deviceKey)));
            }
        }

        foreach (MessageVector vector in s_vectors.Configs)
        {
            bool ok = ConfigCodec.TryDecode(Encoding.UTF8.GetBytes(vector.Payload), s_vectors.Device, s_deviceKey, out LockerConfig config, out string reason);
            Assert.Equal(vector.Expect, ok ? "ok" : reason);
            if (ok)
            {
                Assert.Equal(vector.Payload, Encoding.UTF8.GetString(ConfigCodec.Encode(s_vectors.Device, config, s_deviceKey)));
            }
        }

        foreach (MessageVector vector in s_vectors.Commands)
        {
            bool ok = CommandCodec.TryDecode(Encoding.UTF8.GetBytes(vector.Payload), s_vectors.Device, s_deviceKey, out LockerCommand command, out string reason);
            Assert.Equal(vector.Expect, ok ? "ok" : reason);
            if (ok)
            {
                Assert.Equal(vector.Payload, Encoding.UTF8.GetString(CommandCodec.Encode(s_vectors.Device, command, s_deviceKey)));
            }
        }

        foreach (MessageVector vector in s_vectors.Restores)
        {
            bool ok = RestoreCodec.TryDecode(Encoding.UTF8.GetBytes(vector.Payload), s_vectors.Device, s_deviceKey, out string[] occupants, out string reason);
            Assert.Equal(vector.Expect, ok ? "ok" : reason);
            if (ok)
            {
                Assert.Equal(vector.Payload, Encoding.UTF8.GetString(RestoreCodec.Encode(s_vectors.Device, occupants, s_deviceKey)));
            }
        }

        foreach (MessageVector vector in s_vectors.Results)
        {
            bool ok = ResultCodec.TryDecode(Encoding.UTF8.GetBytes(vector.Payload), s_vectors.Device, s_deviceKey, out CommandResult result, out string reason);
            Assert.Equal(vector.Expect, ok ? "ok" : reason);
            if (ok)
            {
                Assert.Equal(vector.Payload, Encoding.UTF8.GetString(ResultCodec.Encode(s_vectors.Device, result, s_deviceKey)));
            }
        }

        byte[] image = Convert.FromHexString(s_vectors.UpdateImageHex);
        foreach (MessageVector vector in s_vectors.Updates)
        {
            bool ok = UpdateCodec.TryDecode(Encoding.UTF8.GetBytes(vector.Payload), s_vectors.Device, s_deviceKey, out UpdateMessage update, out string reason);
            Assert.Equal(vector.Expect, ok ? "ok" : reason);
            if (ok)
            {
                byte[] encoded = update.Action switch
                {
                    UpdateCodec.Manifest => UpdateCodec.EncodeManifest(s_vectors.Device, update.Manifest, s_deviceKey),
                    UpdateCodec.Chunk => UpdateCodec.EncodeChunk(s_vectors.Device, update.Version, update.Index, image, s_deviceKey),
                    _ => UpdateCodec.EncodeConfirm(s_vectors.Device, update.Version, s_deviceKey),
                };
                Assert.Equal(vector.Payload, Encoding.UTF8.GetString(encoded));
            }
        }

        foreach (MessageVector vector in s_vectors.Progress)
        {
            bool ok = ProgressCodec.TryDecode(Encoding.UTF8.GetBytes(vector.Payload), s_vectors.Device, s_deviceKey, out UpdateProgress progress, out string reason);
            Assert.Equal(vector.Expect, ok ? "ok" : reason);
            if (ok)
            {
                Assert.Equal(vector.Payload, Encoding.UTF8.GetString(ProgressCodec.Encode(s_vectors.Device, progress, s_deviceKey)));
            }
        }
    }
}
