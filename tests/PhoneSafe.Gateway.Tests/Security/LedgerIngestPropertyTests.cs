using System.Data.Common;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

using PhoneSafe.Testing;

namespace PhoneSafe.Gateway.Tests.Security;

/// <summary>
/// The ledger writer on a real SQLite file, fed random interleavings of two lockers' genuine events (each locker's
/// in sequence order, as the broker delivers them) mixed with identical resends, replays (a used sequence number with
/// other content), forgeries, impersonation, garbage, unknown devices, bad topics, status messages and authentic events
/// of an unknown type, committed in random batches. After every case: the ledger holds exactly the distinct authentic
/// events, every refused message is in quarantine with its reason, resends are counted as duplicates and nothing else,
/// the hash chain verifies, and no acknowledgement ever exceeds the locker's contiguous stored sequence.
/// </summary>
public sealed class LedgerIngestPropertyTests : IAsyncLifetime
{
    private const string LockerA = "lk-a";
    private const string LockerB = "lk-b";
    private static readonly string[] s_lockers = [LockerA, LockerB];

    private readonly SqliteTestStorage _storage = new();
    private TestDatabase _db = null!;
    private int _case;

    private enum Kind
    {
        Next,
        UnknownType,
        Duplicate,
        Replay,
        Forged,
        ImpersonateNamingSelf,
        ImpersonateNamingVictim,
        Garbage,
        UnknownDevice,
        BadTopic,
        Status,
    }

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(_storage);

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task RandomInterleavingsInRandomBatches_StoreExactlyTheDistinctAuthenticEvents_AndQuarantineTheRestWithReasons()
    {
        Gen<(Kind Kind, int Locker, int Pick)> step =
            from kind in Gen.Frequency(
                (30, Gen.Constant(Kind.Next)), (2, Gen.Constant(Kind.UnknownType)), (8, Gen.Constant(Kind.Duplicate)), (5, Gen.Constant(Kind.Replay)),
                (4, Gen.Constant(Kind.Forged)), (3, Gen.Constant(Kind.ImpersonateNamingSelf)), (3, Gen.Constant(Kind.ImpersonateNamingVictim)),
                (4, Gen.Constant(Kind.Garbage)), (2, Gen.Constant(Kind.UnknownDevice)), (2, Gen.Constant(Kind.BadTopic)), (2, Gen.Constant(Kind.Status)))
            from locker in Gen.Choose(0, 1)
            from pick in Gen.Choose(0, int.MaxValue - 1)
            select (kind, locker, pick);
        Gen<((Kind Kind, int Locker, int Pick)[] Steps, int[] Batches)> cases =
            from count in Gen.Choose(1, 80)
            from steps in Gen.ArrayOf(step, count)
            from batches in Gen.ArrayOf(Gen.Choose(1, 25), count)
            select (steps, batches);

        await Task.Run(() => PropertyRun.Check("ledger writer on random batches", cases, c => RunCaseAsync(c.Steps, c.Batches).GetAwaiter().GetResult(), 60), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AnAuthenticEventWithInvalidUtf8_IsRefusedAsMalformed_SoTheLedgerOnlyHoldsBytesThatReverify()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        const string School = "utf8-school";
        await _db.Ledger.EnsureSchoolAsync(School, new byte[32], ct);
        byte[] key = await _db.Ledger.EnsureLockerAsync(School, LockerA, Enumerable.Repeat((byte)3, 32).ToArray(), ct);
        var verifier = new MessageVerifier(new TestKeys((School, LockerA, key)));

        // A key holder signs the raw bytes of an event whose extra property holds a byte that is not UTF-8.
        string genuine = Encoding.UTF8.GetString(EventCodec.Encode(MessageVerifierPropertyTests.Event(LockerA, 1), key));
        string body = genuine[..genuine.LastIndexOf(",\"mac\"", StringComparison.Ordinal)];
        byte[] unsigned = [.. Encoding.UTF8.GetBytes(body + ",\"x\":\""), 0xFF, .. "\"}"u8];
        byte[] payload = [.. unsigned[..^1], .. Encoding.UTF8.GetBytes(",\"mac\":\"" + Hex.Encode(HmacSha256.Compute(key, unsigned)) + "\"}")];

        CommitResult result = await _db.Ledger.CommitAsync([await verifier.VerifyAsync(new IncomingMessage(Topics.For(School, LockerA, TopicKind.Events), payload, DateTimeOffset.UnixEpoch), ct)], ct);

        Assert.Equal(0, result.Stored);
        Assert.Equal([RejectReason.Malformed], result.RejectedReasons);
    }

    private async Task RunCaseAsync((Kind Kind, int Locker, int Pick)[] steps, int[] batchSizes)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string school = $"prop-{++_case}";
        await _db.Ledger.EnsureSchoolAsync(school, new byte[32], ct);
        var keys = new Dictionary<string, byte[]>();
        foreach (string locker in s_lockers)
        {
            keys[locker] = await _db.Ledger.EnsureLockerAsync(school, locker, Enumerable.Range(_case, 32).Select(i => (byte)(i * 7 + locker.Length + locker[^1])).ToArray(), ct);
        }

        var verifier = new MessageVerifier(new TestKeys([.. keys.Select(k => (school, k.Key, k.Value))]));
        DateTimeOffset received = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

        // The model: what each locker sent, what must be stored, quarantined (reason, or null for "any reason"), duplicated.
        var sent = s_lockers.ToDictionary(l => l, _ => new List<(long Seq, byte[] Payload, bool Known)>());
        var expectedStored = new HashSet<(string Locker, long Seq, string Payload)>();
        var expectedQuarantine = new List<string?>();
        int expectedDuplicates = 0;
        var messages = new List<IncomingMessage>();
        foreach ((Kind kind, int lockerIndex, int pick) in steps)
        {
            string locker = s_lockers[lockerIndex];
            string other = s_lockers[1 - lockerIndex];
            List<(long Seq, byte[] Payload, bool Known)> history = sent[locker];
            string topic = Topics.For(school, locker, TopicKind.Events);
            byte[] payload;
            Kind effective = kind is Kind.Duplicate or Kind.Replay && !history.Any(h => h.Known) ? Kind.Next : kind;
            switch (effective)
            {
                case Kind.Next:
                case Kind.UnknownType:
                    long seq = history.Count + 1;
                    bool known = effective == Kind.Next;
                    payload = EventCodec.Encode(MessageVerifierPropertyTests.Event(locker, seq, 1 + (pick % 8), known ? EventType.Deposit : "teleported"), keys[locker]);
                    history.Add((seq, payload, known));
                    expectedStored.Add((locker, seq, Encoding.UTF8.GetString(payload)));
                    if (!known)
                    {
                        expectedQuarantine.Add(RejectReason.UnknownType);
                    }

                    break;
                case Kind.Duplicate:
                    (long _, payload, bool _) = history.Where(h => h.Known).ElementAt(pick % history.Count(h => h.Known));
                    expectedDuplicates++;
                    break;
                case Kind.Replay:
                    (long replayed, byte[] original, bool _) = history.Where(h => h.Known).ElementAt(pick % history.Count(h => h.Known));
                    payload = EventCodec.Encode(MessageVerifierPropertyTests.Event(locker, replayed, 9 + (pick % 50)), keys[locker]);
                    Assert.NotEqual(original, payload);
                    expectedQuarantine.Add(RejectReason.Replayed);
                    break;
                case Kind.Forged:
                    payload = EventCodec.Encode(MessageVerifierPropertyTests.Event(locker, 1 + (pick % 100)), Enumerable.Repeat((byte)pick, 32).ToArray());
                    expectedQuarantine.Add(RejectReason.BadMac);
                    break;
                case Kind.ImpersonateNamingSelf:
                    // The other locker, with its own key and name, publishes on this locker's topic.
                    payload = EventCodec.Encode(MessageVerifierPropertyTests.Event(other, 1 + (pick % 100)), keys[other]);
                    expectedQuarantine.Add(RejectReason.DeviceMismatch);
                    break;
                case Kind.ImpersonateNamingVictim:
                    payload = EventCodec.Encode(MessageVerifierPropertyTests.Event(locker, 1 + (pick % 100)), keys[other]);
                    expectedQuarantine.Add(RejectReason.BadMac);
                    break;
                case Kind.Garbage:
                    payload = new byte[pick % 3000];
                    new Random(pick).NextBytes(payload);
                    expectedQuarantine.Add(null);
                    break;
                case Kind.UnknownDevice:
                    topic = Topics.For(school, "lk-ghost", TopicKind.Events);
                    payload = EventCodec.Encode(MessageVerifierPropertyTests.Event("lk-ghost", 1), keys[locker]);
                    expectedQuarantine.Add(RejectReason.UnknownDevice);
                    break;
                case Kind.BadTopic:
                    topic = Topics.For(school, locker, TopicKind.Ack);
                    payload = AckCodec.Encode(locker, 1, keys[locker]);
                    expectedQuarantine.Add(RejectReason.BadTopic);
                    break;
                default:
                    topic = Topics.For(school, locker, TopicKind.Status);
                    payload = Encoding.UTF8.GetBytes(pick % 2 == 0 ? Topics.Online : Topics.Offline);
                    break;
            }

            messages.Add(new IncomingMessage(topic, payload, received.AddSeconds(messages.Count)));
        }

        // Commit in random batches, checking each acknowledgement against the contiguous stored sequence at that moment.
        int storedTotal = 0, duplicatesTotal = 0, at = 0;
        var committedSeq = s_lockers.ToDictionary(l => l, _ => 0L);
        var lastAck = s_lockers.ToDictionary(l => l, _ => 0L);
        var rejectedReasons = new List<string>();
        for (int b = 0; at < messages.Count; b++)
        {
            List<IncomingMessage> batch = messages.Skip(at).Take(batchSizes[b % batchSizes.Length]).ToList();
            at += batch.Count;
            var verified = new List<VerifiedMessage>();
            foreach (IncomingMessage message in batch)
            {
                verified.Add(await verifier.VerifyAsync(message, ct));
            }

            CommitResult result = await _db.Ledger.CommitAsync(verified, ct);
            storedTotal += result.Stored;
            duplicatesTotal += result.Duplicates;
            rejectedReasons.AddRange(result.RejectedReasons);
            foreach (VerifiedMessage m in verified.Where(m => m.Event is not null && m.Reason is null or RejectReason.UnknownType))
            {
                committedSeq[m.Locker!] = Math.Max(committedSeq[m.Locker!], m.Event!.Sequence);
            }

            foreach (AckPoint ack in result.Acks)
            {
                Assert.Equal(school, ack.School);
                Assert.True(ack.Sequence <= committedSeq[ack.Locker], $"ack {ack.Sequence} for {ack.Locker} beyond its contiguous stored sequence {committedSeq[ack.Locker]}");
                Assert.True(ack.Sequence >= lastAck[ack.Locker], "acknowledgements went backwards");
                lastAck[ack.Locker] = ack.Sequence;
            }
        }

        // Stored set: exactly the distinct authentic events (known or unknown type), nothing forged, nothing twice.
        var stored = new HashSet<(string Locker, long Seq, string Payload)>();
        await using (DbConnection connection = await _db.Database.OpenAsync(ct))
        {
            await using DbCommand command = connection.Command("SELECT locker, seq, payload FROM events WHERE school = @school", null, ("@school", school));
            await using DbDataReader reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                Assert.True(stored.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2))), "an event was stored twice");
            }
        }

        Assert.Equal(expectedStored.OrderBy(e => (e.Locker, e.Seq)), stored.OrderBy(e => (e.Locker, e.Seq)));
        Assert.Equal(expectedStored.Count, storedTotal);
        Assert.Equal(expectedDuplicates, duplicatesTotal);

        // Quarantine: one row per refused message, with the expected reason (garbage: any reason word).
        Assert.Equal(expectedQuarantine.Count, rejectedReasons.Count);
        var unmatched = rejectedReasons.ToList();
        foreach (string reason in expectedQuarantine.OfType<string>())
        {
            Assert.True(unmatched.Remove(reason), $"expected a quarantine row with reason {reason}; got {string.Join(", ", rejectedReasons)}");
        }

        Assert.All(rejectedReasons, r => Assert.False(string.IsNullOrEmpty(r)));
        IReadOnlyList<QuarantinedMessage> quarantine = await _db.Ledger.GetQuarantineAsync(null, 1000, ct);
        Assert.Equal(expectedQuarantine.Count, quarantine.Count(q => q.Topic.StartsWith($"phonesafe/{school}/", StringComparison.Ordinal)));

        // The hash chain holds, and every locker was finally acknowledged up to its last event.
        LedgerVerification verification = await _db.Verifier.VerifyAsync(school, ct);
        Assert.True(verification.Ok, verification.FirstBreak?.Reason);
        Assert.Equal(expectedStored.Count, verification.Events);
        foreach (string locker in s_lockers)
        {
            Assert.Equal(sent[locker].Count, lastAck[locker]);
        }
    }
}
