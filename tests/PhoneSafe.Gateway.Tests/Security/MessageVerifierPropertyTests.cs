using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Tests.Support;

using PhoneSafe.Testing;

namespace PhoneSafe.Gateway.Tests.Security;

/// <summary>
/// The gateway's verifier on random topics and payloads (random bytes, golden vectors, genuine events, genuine events
/// on other lockers' topics): it never throws, every refusal carries a reason word, and an accepted event always
/// belongs to the locker its topic names and was signed with that locker's key.
/// </summary>
public sealed class MessageVerifierPropertyTests
{
    private static readonly byte[] s_otherKey = Enumerable.Repeat((byte)9, 32).ToArray();

    private static readonly TestKeys s_keys = new((VectorFile.School, VectorFile.Device, VectorFile.DeviceKey), (VectorFile.School, "lk-102", s_otherKey));

    private static readonly HashSet<string> s_reasons =
    [
        RejectReason.Oversized, RejectReason.Malformed, RejectReason.UnsupportedVersion, RejectReason.WrongKind, RejectReason.DeviceMismatch,
        RejectReason.UnknownDevice, RejectReason.BadMac, RejectReason.BadField, RejectReason.UnknownType, RejectReason.BadTopic,
    ];

    [Fact]
    public async Task Verify_RandomTopicsAndPayloads_NeverThrows_AndEveryRefusalHasAReason()
    {
        var sut = new MessageVerifier(s_keys);
        Gen<string> segment = Gen.Elements(
            "phonesafe", VectorFile.School, VectorFile.Device, "lk-102", "lk-999", "events", "status", "ack", "config", "+", "#", "", " ",
            "PHONESAFE", "lk-101\u0000", "é", new string('a', 40), "$share", "..", "lk-1/");
        Gen<string> topic = Gen.OneOf(
            Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(segment, n)).Select(parts => string.Join("/", parts)),
            Gen.Elements(VectorFile.Events.Select(v => v.Topic).Append("phonesafe/vector-school/lk-102/events").Append("phonesafe/vector-school/lk-101/status").ToArray()),
            Gen.Choose(0, 300).Select(n => new string('/', n)));
        Gen<byte[]> payload = Gen.OneOf(
            Gen.Choose(0, 1500).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n)),
            Gen.Elements(VectorFile.Events.Select(v => Encoding.UTF8.GetBytes(v.Payload)).ToArray()),
            Gen.Elements("online", "offline", "Online", "", "online\n", new string('x', 17)).Select(Encoding.UTF8.GetBytes),
            Gen.Choose(1, 1000).SelectMany(seq => Gen.Elements(VectorFile.Device, "lk-102").SelectMany(device => Gen.Elements(VectorFile.DeviceKey, s_otherKey)
                .Select(key => EventCodec.Encode(Event(device, seq), key)))));
        Gen<(string Topic, byte[] Payload)> messages = topic.SelectMany(t => payload.Select(p => (t, p)));

        await Task.Run(() => PropertyRun.Check(
            "verifier on random topics and payloads",
            messages,
            m =>
            {
                VerifiedMessage verdict = sut.Verify(new IncomingMessage(m.Topic, m.Payload, DateTimeOffset.UnixEpoch));
                switch (verdict.Disposition)
                {
                    case MessageDisposition.Rejected:
                        Assert.NotNull(verdict.Reason);
                        Assert.Contains(verdict.Reason, s_reasons);
                        break;
                    case MessageDisposition.Status:
                        Assert.Contains(verdict.Reason, new[] { Topics.Online, Topics.Offline });
                        break;
                    default:
                        Assert.Null(verdict.Reason);
                        Assert.NotNull(verdict.Event);
                        Assert.True(Topics.TryParse(m.Topic, out string school, out string locker, out string kind));
                        Assert.Equal((school, locker, TopicKind.Events), (verdict.School, verdict.Locker, kind));
                        Assert.Equal(locker, verdict.Event.Device);
                        Assert.True(EventCodec.TryDecode(m.Payload, locker, s_keys.GetDeviceKey(school, locker)!, out _, out _));
                        break;
                }

                VerifiedMessage again = sut.VerifyAsync(new IncomingMessage(m.Topic, m.Payload, DateTimeOffset.UnixEpoch), CancellationToken.None).GetAwaiter().GetResult();
                Assert.Equal((verdict.Disposition, verdict.Reason), (again.Disposition, again.Reason));
            },
            3000), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Verify_ALockerPublishingOnAnotherLockersTopic_IsRefused_WhicheverDeviceItNames()
    {
        var sut = new MessageVerifier(s_keys);
        string victim = Topics.For(VectorFile.School, "lk-102", TopicKind.Events);

        // lk-101 names itself (its own key): the topic says lk-102.
        VerifiedMessage namesItself = sut.Verify(new IncomingMessage(victim, EventCodec.Encode(Event(VectorFile.Device, 5), VectorFile.DeviceKey), DateTimeOffset.UnixEpoch));

        // lk-101 names lk-102 but can only sign with its own key.
        VerifiedMessage namesVictim = sut.Verify(new IncomingMessage(victim, EventCodec.Encode(Event("lk-102", 5), VectorFile.DeviceKey), DateTimeOffset.UnixEpoch));

        Assert.Equal((MessageDisposition.Rejected, RejectReason.DeviceMismatch), (namesItself.Disposition, namesItself.Reason));
        Assert.Equal((MessageDisposition.Rejected, RejectReason.BadMac), (namesVictim.Disposition, namesVictim.Reason));
    }

    [Fact]
    public async Task VerifyAsync_WhenLookingUpAnUnknownLockerFailsInTheDatabase_QuarantinesInsteadOfThrowing()
    {
        var sut = new MessageVerifier(new FailingDirectory());
        var message = new IncomingMessage(Topics.For(VectorFile.School, "lk-new", TopicKind.Events), EventCodec.Encode(Event("lk-new", 1), s_otherKey), DateTimeOffset.UnixEpoch);

        VerifiedMessage verdict = await sut.VerifyAsync(message, TestContext.Current.CancellationToken);

        Assert.Equal((MessageDisposition.Rejected, RejectReason.UnknownDevice), (verdict.Disposition, verdict.Reason));
    }

    private sealed class FailingDirectory : ILockerKeys
    {
        public byte[]? GetDeviceKey(string school, string locker) => null;

        public Task<bool> RefreshAsync(string school, string locker, CancellationToken cancellationToken) =>
            throw new Microsoft.Data.Sqlite.SqliteException("database is locked", 5);
    }

    internal static LockerEvent Event(string device, long seq, int compartment = 1, string type = EventType.Deposit) => new()
    {
        Device = device, Boot = 1, Sequence = seq, TimestampUtc = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc).AddSeconds(seq), TimeSynchronized = true,
        UptimeMilliseconds = seq * 10, Type = type, Compartment = compartment, Credential = "0123456789abcdef0123456789abcdef", Subject = string.Empty,
    };
}
