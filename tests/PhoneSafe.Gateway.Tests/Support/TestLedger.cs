using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>One school with one registered locker on a <see cref="TestDatabase"/>; commits signed events through the real ledger.</summary>
public sealed class TestLedger
{
    private readonly TestDatabase _database;
    private readonly MessageVerifier _verifier;
    private readonly byte[] _key;
    private long _sequence;

    private TestLedger(TestDatabase database, string school, string locker, byte[] key, MessageVerifier verifier)
    {
        _database = database;
        School = school;
        Locker = locker;
        _key = key;
        _verifier = verifier;
    }

    public string School { get; }

    public string Locker { get; }

    public static async Task<TestLedger> CreateAsync(TestDatabase database, string school, string locker = "lk-1")
    {
        await database.Ledger.EnsureSchoolAsync(school, new byte[32], TestContext.Current.CancellationToken);
        byte[] key = await database.Ledger.EnsureLockerAsync(school, locker, Enumerable.Repeat((byte)7, 32).ToArray(), TestContext.Current.CancellationToken);
        var directory = new LockerDirectory(database.Ledger);
        await directory.LoadAsync(TestContext.Current.CancellationToken);
        return new TestLedger(database, school, locker, key, new MessageVerifier(directory));
    }

    /// <summary>Commits one event received (and stamped by a synchronised locker clock) at <paramref name="receivedUtc"/>.</summary>
    public async Task CommitAsync(string type, DateTimeOffset receivedUtc, string credential, string subject = "", int compartment = 1)
    {
        long sequence = ++_sequence;
        var lockerEvent = new LockerEvent
        {
            Device = Locker, Boot = 1, Sequence = sequence, TimestampUtc = receivedUtc.UtcDateTime, TimeSynchronized = true,
            UptimeMilliseconds = sequence, Type = type, Compartment = compartment, Credential = credential, Subject = subject,
        };
        var message = new IncomingMessage(Topics.For(School, Locker, TopicKind.Events), EventCodec.Encode(lockerEvent, _key), receivedUtc);
        Sent.Add(message);
        CommitResult result = await SendAgainAsync(message);
        Assert.Equal(1, result.Stored);
    }

    /// <summary>Gets every message committed so far, as an eavesdropper on the broker would have captured them.</summary>
    public List<IncomingMessage> Sent { get; } = [];

    /// <summary>Commits a message (a captured one, replayed).</summary>
    public Task<CommitResult> SendAgainAsync(IncomingMessage message) =>
        _database.Ledger.CommitAsync([_verifier.Verify(message)], TestContext.Current.CancellationToken);
}
