using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Tests.Protocol;
using Xunit;

using PhoneSafe.Testing;

namespace PhoneSafe.Firmware.Core.Tests.Properties;

/// <summary>
/// Property (fuzz) tests of every decoder the device and the gateway share: random bytes, JSON-like text and mutations
/// of genuine signed messages (the golden vectors and freshly encoded events) never make a decoder throw; every refusal
/// carries one of the <see cref="RejectReason"/> words; a mutated message never verifies unless its bytes are unchanged;
/// and a message that does decode (re-signed after mutation, as a faulty device with the right key could send) only
/// ever yields values inside the protocol's ranges. Seeds are fixed (see <see cref="PropertyRun"/>).
/// </summary>
public sealed class CodecFuzzTests
{
    private const string Device = "lk-101";

    private static readonly GoldenVectors s_vectors = GoldenVectors.Load();
    private static readonly byte[] s_key = Convert.FromHexString(s_vectors.DeviceKeyHex);

    private static readonly HashSet<string> s_reasons =
    [
        RejectReason.Oversized, RejectReason.Malformed, RejectReason.UnsupportedVersion, RejectReason.WrongKind, RejectReason.DeviceMismatch,
        RejectReason.UnknownDevice, RejectReason.BadMac, RejectReason.BadField, RejectReason.UnknownType, RejectReason.Replayed, RejectReason.BadTopic,
    ];

    private static readonly string[] s_tokens =
    [
        "{", "}", "[", "]", ":", ",", "\"", " ", "\\", "\\u", "\\u00", "\\ud800", "0", "1", "-", "-0", "01", "1.5", "1e3",
        "999999999999999999", "9999999999999999999999", "-9223372036854775808", "true", "false", "null", "tru", "\"v\":1", "\"v\":2",
        "\"m\":\"e\"", "\"m\":\"a\"", "\"m\":\"c\"", "\"m\":\"x\"", "\"dev\":\"lk-101\"", "\"dev\":\"lk-102\"", "\"seq\":", "\"mac\":\"",
        "\"ts\":\"2026-11-25T08:00:00Z\"", "\"ts\":\"2026-02-30T08:00:00Z\"", "\"cmp\":", "\"type\":\"deposit\"", "\"contact\":[",
        "\"allow\":[", "\u0000", "\u0001", "\u00e9", "\uffff", "\ud83d\udd12",
    ];

    public static IEnumerable<byte[]> GenuineMessages()
    {
        foreach (MessageVector vector in s_vectors.Events.Concat(s_vectors.Acks).Concat(s_vectors.Configs).Concat(s_vectors.Commands))
        {
            yield return Encoding.UTF8.GetBytes(vector.Payload);
        }
    }

    [Fact]
    public void AllDecoders_RandomBytes_NeverThrow_AndEveryRefusalHasAReason()
    {
        Gen<byte[]> bytes = Gen.Frequency(
            (6, Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n))),
            (3, Gen.Choose(0, 1300).SelectMany(n => Gen.ArrayOf(Gen.Elements("{}[]\":,0123456789-tfnulrsae\\ ".Select(c => (byte)c).ToArray()), n))),
            (1, Gen.Choose(1_000, 140_000).Select(n => new byte[n])));
        PropertyRun.Check("random bytes", bytes, AssertEveryDecoderAnswers, 1500);
    }

    [Fact]
    public void AllDecoders_RandomJsonLikeText_NeverThrow_AndEveryRefusalHasAReason()
    {
        Gen<byte[]> text = Gen.Choose(0, 120)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements(s_tokens), n))
            .Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));
        PropertyRun.Check("JSON-like text", text, AssertEveryDecoderAnswers, 3000);
    }

    [Fact]
    public void AllDecoders_DeepNestingAndHugeValues_NeverThrow()
    {
        Gen<byte[]> deep = Gen.Choose(1, 5000).SelectMany(depth => Gen.Elements("[", "{\"a\":", "[{\"b\":[").Select(open =>
        {
            var builder = new StringBuilder("{\"v\":1,\"m\":\"e\",\"dev\":\"lk-101\",\"x\":");
            for (int i = 0; i < depth; i++)
            {
                builder.Append(open);
            }

            return Encoding.UTF8.GetBytes(builder.Append('1').Append(']', depth).Append('}').ToString());
        }));
        PropertyRun.Check("deep nesting", deep, AssertEveryDecoderAnswers, 200);
    }

    [Fact]
    public void MutatedGenuineMessages_NeverThrow_AndNeverVerifyUnlessUnchanged()
    {
        Gen<(byte[] Original, byte[] Mutated)> cases = GenuineMessage().SelectMany(original => Mutation(original).Select(mutated => (original, mutated)));
        PropertyRun.Check(
            "mutated genuine messages",
            cases,
            c =>
            {
                AssertEveryDecoderAnswers(c.Mutated);
                if (!c.Mutated.AsSpan().SequenceEqual(c.Original))
                {
                    Assert.False(EventCodec.TryDecode(c.Mutated, Device, s_key, out _, out string reason), "a changed event verified");
                    Assert.Contains(reason, s_reasons);
                    Assert.False(AckCodec.TryDecode(c.Mutated, Device, s_key, out _, out _), "a changed ack verified");
                    Assert.False(ConfigCodec.TryDecode(c.Mutated, Device, s_key, out _, out _), "a changed config verified");
                    Assert.False(CommandCodec.TryDecode(c.Mutated, Device, s_key, out _, out _), "a changed command verified");
                }
            },
            4000);
    }

    [Fact]
    public void MutatedAndReSigned_ByAFaultyDeviceWithTheRightKey_DecodesOnlyInRangeValuesOrARefusal()
    {
        Gen<byte[]> cases = GenuineMessage()
            .Where(payload => payload.Length > 80 && payload[^2] == (byte)'"')
            .SelectMany(payload => Mutation(Body(payload)))
            .SelectMany(body => Gen.Elements(ReSign(body), ReSignRaw(body)));
        PropertyRun.Check(
            "mutated then re-signed",
            cases,
            payload =>
            {
                AssertEveryDecoderAnswers(payload);
                if (EventCodec.TryDecode(payload, Device, s_key, out LockerEvent e, out _))
                {
                    Assert.Equal(Device, e.Device);
                    Assert.InRange(e.Sequence, 1, long.MaxValue);
                    Assert.InRange(e.Boot, 0, uint.MaxValue);
                    Assert.InRange(e.Compartment, 0, EventCodec.MaxCompartment);
                    Assert.True(EventType.IsKnown(e.Type));
                    Assert.True(e.Credential.Length is 0 or CredentialHash.Length);
                    Assert.True(e.Subject.Length is 0 or CredentialHash.Length);
                    Assert.Equal(DateTimeKind.Utc, e.TimestampUtc.Kind);
                }

                if (ConfigCodec.TryDecode(payload, Device, s_key, out LockerConfig config, out _))
                {
                    Assert.InRange(config.UnlockSeconds, 3, 60);
                    Assert.InRange(config.LeftOpenSeconds, 10, 3600);
                    foreach (ContactWindow window in config.ContactWindows)
                    {
                        Assert.InRange(window.Weekday, 1, 7);
                        Assert.True(window.StartMinute < window.EndMinute);
                    }
                }
            },
            3000);
    }

    [Fact]
    public void IsUtf8_AgreesWithTheStrictDotNetDecoder()
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        Gen<byte[]> bytes = Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(
            Gen.Frequency(
                (3, Gen.Choose(0x00, 0x7F)), (4, Gen.Choose(0x80, 0xBF)), (2, Gen.Choose(0xC0, 0xDF)), (2, Gen.Choose(0xE0, 0xEF)),
                (2, Gen.Choose(0xF0, 0xF7)), (1, Gen.Choose(0xF8, 0xFF)))
            .Select(b => (byte)b),
            n));
        PropertyRun.Check(
            "strict UTF-8",
            Gen.OneOf(bytes, Gen.Elements("a\u00e9\u20ac\ud83d\udd12"u8.ToArray(), Encoding.UTF8.GetBytes("é€🔒"), [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF])),
            data =>
            {
                bool expected;
                try
                {
                    strict.GetString(data);
                    expected = true;
                }
                catch (DecoderFallbackException)
                {
                    expected = false;
                }

                Assert.Equal(expected, SignedMessage.IsUtf8(data));
            },
            20000);
    }

    [Fact]
    public void FreshlyEncodedEvents_WithRandomFields_RoundTrip()
    {
        Gen<LockerEvent> events =
            from seq in Gen.Choose(1, int.MaxValue)
            from boot in Gen.Choose(0, 100_000)
            from seconds in Gen.Choose(0, 400_000_000)
            from synced in Gen.Elements(true, false)
            from type in Gen.Elements(EventType.Deposit, EventType.Retrieve, EventType.DoorForced, EventType.JournalGap, EventType.Boot)
            from compartment in Gen.Choose(0, EventCodec.MaxCompartment)
            from credential in Gen.Elements(string.Empty, new string('a', CredentialHash.Length), "0123456789abcdef0123456789abcdef")
            select new LockerEvent
            {
                Device = Device, Boot = boot, Sequence = seq, TimestampUtc = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(seconds),
                TimeSynchronized = synced, UptimeMilliseconds = seconds * 7L, Type = type, Compartment = compartment, Credential = credential, Subject = string.Empty,
            };
        PropertyRun.Check(
            "encode then decode",
            events,
            e =>
            {
                byte[] payload = EventCodec.Encode(e, s_key);
                Assert.True(EventCodec.TryDecode(payload, Device, s_key, out LockerEvent decoded, out string reason), reason);
                Assert.Equal(e.Sequence, decoded.Sequence);
                Assert.Equal(e.TimestampUtc, decoded.TimestampUtc);
                Assert.Equal(e.Credential, decoded.Credential);
                Assert.Equal(payload, EventCodec.Encode(decoded, s_key));
                Assert.False(EventCodec.TryDecode(payload, "lk-102", s_key, out _, out reason));
                Assert.Equal(RejectReason.DeviceMismatch, reason);
            },
            500);
    }

    /// <summary>A genuine message: a golden vector (any kind, valid or not) or a freshly signed event.</summary>
    private static Gen<byte[]> GenuineMessage() => Gen.OneOf(
        Gen.Elements(GenuineMessages().ToArray()),
        Gen.Choose(1, 1_000_000).Select(seq => EventCodec.Encode(
            new LockerEvent
            {
                Device = Device, Boot = 3, Sequence = seq, TimestampUtc = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc), TimeSynchronized = true,
                UptimeMilliseconds = 1234, Type = EventType.Deposit, Compartment = 1 + (seq % EventCodec.MaxCompartment), Credential = "0123456789abcdef0123456789abcdef",
                Subject = string.Empty,
            },
            s_key)));

    /// <summary>One to three mutations of the kinds a radio, a bug or an attacker would make.</summary>
    private static Gen<byte[]> Mutation(byte[] original) =>
        Gen.Choose(1, 3).SelectMany(count => MutateTimes(original, count));

    private static Gen<byte[]> MutateTimes(byte[] payload, int count) =>
        count == 0 ? Gen.Constant(payload) : MutateOnce(payload).SelectMany(next => MutateTimes(next, count - 1));

    private static Gen<byte[]> MutateOnce(byte[] p)
    {
        int n = Math.Max(1, p.Length);
        return Gen.OneOf(
            // Flip one bit.
            from at in Gen.Choose(0, n - 1)
            from bit in Gen.Choose(0, 7)
            select p.Length == 0 ? p : With(p, at, (byte)(p[at] ^ (1 << bit))),

            // Truncate.
            Gen.Choose(0, p.Length).Select(length => p[..length]),

            // Insert random bytes, including invalid UTF-8 (0x80 alone, 0xC3 alone, 0xFF, overlong 0xC0 0xAF).
            from at in Gen.Choose(0, p.Length)
            from inserted in Gen.Elements(new byte[] { 0x80 }, new byte[] { 0xC3 }, new byte[] { 0xFF }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xED, 0xA0, 0x80 }, "\"x\":1,"u8.ToArray(), " "u8.ToArray(), "\\u0000"u8.ToArray())
            select p[..at].Concat(inserted).Concat(p[at..]).ToArray(),

            // Add a property whose string holds bytes that are not UTF-8 (or are), right after the opening brace.
            from inserted in Gen.Elements(new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xC3, 0xA9 })
            select p.Length == 0 ? p : [.. p[..1], .. "\"z\":\""u8, .. inserted, .. "\","u8, .. p[1..]],

            // Delete a run of bytes.
            from at in Gen.Choose(0, n - 1)
            from length in Gen.Choose(1, 16)
            select p.Length == 0 ? p : p[..at].Concat(p[Math.Min(p.Length, at + length)..]).ToArray(),

            // Swap two values of the same kind of field, or two fields.
            SwapFields(p),

            // Replace a number with a huge, negative or non-integer one.
            from replacement in Gen.Elements("99999999999999999999999999", "-1", "9223372036854775807", "-9223372036854775808", "1.0", "1e308", "\"1\"", "null", "[]", "{}")
            select ReplaceFirstNumber(p, replacement),

            // Wrap a value in deep nesting.
            from depth in Gen.Choose(1, 40)
            select Nest(p, depth),

            // Duplicate the message (two objects back to back).
            Gen.Constant(p.Concat(p).ToArray()));
    }

    private static Gen<byte[]> SwapFields(byte[] p)
    {
        string text = Encoding.UTF8.GetString(p);
        string[] parts = text.TrimStart('{').TrimEnd('}').Split(',');
        if (parts.Length < 2)
        {
            return Gen.Constant(p);
        }

        return from i in Gen.Choose(0, parts.Length - 1)
               from j in Gen.Choose(0, parts.Length - 1)
               from valuesOnly in Gen.Elements(true, false)
               select Encoding.UTF8.GetBytes("{" + string.Join(",", Swap(parts, i, j, valuesOnly)) + "}");
    }

    private static string[] Swap(string[] parts, int i, int j, bool valuesOnly)
    {
        string[] copy = (string[])parts.Clone();
        if (valuesOnly && copy[i].Contains(':') && copy[j].Contains(':'))
        {
            string nameI = copy[i][..(copy[i].IndexOf(':') + 1)];
            string nameJ = copy[j][..(copy[j].IndexOf(':') + 1)];
            (copy[i], copy[j]) = (nameI + copy[j][nameJ.Length..], nameJ + copy[i][nameI.Length..]);
        }
        else
        {
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        return copy;
    }

    private static byte[] ReplaceFirstNumber(byte[] p, string replacement)
    {
        string text = Encoding.UTF8.GetString(p);
        int colon = text.IndexOf(":", StringComparison.Ordinal);
        while (colon >= 0 && colon + 1 < text.Length && !(char.IsAsciiDigit(text[colon + 1]) || text[colon + 1] == '-'))
        {
            colon = text.IndexOf(':', colon + 1);
        }

        if (colon < 0 || colon + 1 >= text.Length)
        {
            return p;
        }

        int end = colon + 1;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '-'))
        {
            end++;
        }

        return Encoding.UTF8.GetBytes(text[..(colon + 1)] + replacement + text[end..]);
    }

    private static byte[] Nest(byte[] p, int depth)
    {
        string text = Encoding.UTF8.GetString(p);
        int colon = text.IndexOf(':');
        int end = colon < 0 ? -1 : text.IndexOf(',', colon);
        if (end < 0)
        {
            return p;
        }

        return Encoding.UTF8.GetBytes(text[..(colon + 1)] + new string('[', depth) + text[(colon + 1)..end] + new string(']', depth) + text[end..]);
    }

    private static byte[] With(byte[] p, int at, byte value)
    {
        byte[] copy = (byte[])p.Clone();
        copy[at] = value;
        return copy;
    }

    /// <summary>The signed body of a message: everything but the "mac" property.</summary>
    private static byte[] Body(byte[] signed)
    {
        string text = Encoding.UTF8.GetString(signed);
        int mac = text.LastIndexOf(",\"mac\":\"", StringComparison.Ordinal);
        return mac < 0 ? signed : Encoding.UTF8.GetBytes(text[..mac] + "}");
    }

    /// <summary>Signs whatever text the bytes are, the way a faulty device holding the key would.</summary>
    private static byte[] ReSign(byte[] body)
    {
        string text = Encoding.UTF8.GetString(body);
        return text.Length == 0 ? body : SignedMessage.Sign(text, s_key);
    }

    /// <summary>Signs the bytes as they are, invalid UTF-8 included, the way a hostile key holder could.</summary>
    private static byte[] ReSignRaw(byte[] body)
    {
        if (body.Length == 0 || body[^1] != (byte)'}')
        {
            return body;
        }

        byte[] suffix = Encoding.UTF8.GetBytes(",\"mac\":\"" + Hex.Encode(HmacSha256.Compute(s_key, body)) + "\"}");
        return [.. body[..^1], .. suffix];
    }

    private static void AssertEveryDecoderAnswers(byte[] payload)
    {
        AssertAnswer(EventCodec.TryDecode(payload, Device, s_key, out LockerEvent e, out string reason), reason, e, payload);
        AssertAnswer(AckCodec.TryDecode(payload, Device, s_key, out _, out reason), reason, null, payload);
        AssertAnswer(ConfigCodec.TryDecode(payload, Device, s_key, out LockerConfig config, out reason), reason, config, payload);
        AssertAnswer(CommandCodec.TryDecode(payload, Device, s_key, out LockerCommand command, out reason), reason, command, payload);
        _ = Json.TryParse(Encoding.UTF8.GetString(payload), out _, out _);
        Topics.TryParse(Encoding.UTF8.GetString(payload), out _, out _, out _);
    }

    private static void AssertAnswer(bool ok, string reason, object accepted, byte[] payload)
    {
        if (ok)
        {
            Assert.Null(reason);

            // What was accepted reads back as exactly the bytes that were signed (stored text re-verifies).
            Assert.Equal(payload, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload)));
        }
        else
        {
            Assert.NotNull(reason);
            Assert.Contains(reason, s_reasons);
        }

        _ = accepted;
    }
}
