using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting.Internal;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The ledger against a real SQLite file (PostgreSQL: issue 5).</summary>
public sealed class LedgerStoreTests : IAsyncLifetime
{
    private const string School = "ledger-school";
    private const string Locker = "lk-1";
    private static readonly string s_credential = new('a', 32);
    private readonly string _directory = Directory.CreateTempSubdirectory("phonesafe-ledger-").FullName;
    private LedgerStore _sut = null!;
    private MessageVerifier _verifier = null!;
    private byte[] _key = null!;

    public async ValueTask InitializeAsync()
    {
        _sut = CreateSut();
        await _sut.InitializeAsync(TestContext.Current.CancellationToken);
        await _sut.EnsureSchoolAsync(School, new byte[32], TestContext.Current.CancellationToken);
        _key = await _sut.EnsureLockerAsync(School, Locker, Enumerable.Repeat((byte)7, 32).ToArray(), TestContext.Current.CancellationToken);
        var directory = new LockerDirectory(_sut);
        await directory.LoadAsync(TestContext.Current.CancellationToken);
        _verifier = new MessageVerifier(directory);
    }

    public ValueTask DisposeAsync()
    {
        _sut.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Commit_WithGap_AcksOnlyUpToTheGapThenPastItWhenFilled()
    {
        CommitResult first = await CommitAsync(Event(1), Event(2), Event(4));
        Assert.Equal(3, first.Stored);
        Assert.Equal(2, Assert.Single(first.Acks).Sequence);

        CommitResult second = await CommitAsync(Event(3));
        Assert.Equal(4, Assert.Single(second.Acks).Sequence);
    }

    [Fact]
    public async Task Commit_SameEventTwice_StoresItOnceAndAcksAgain()
    {
        await CommitAsync(Event(1));
        CommitResult again = await CommitAsync(Event(1));

        Assert.Equal(0, again.Stored);
        Assert.Equal(1, again.Duplicates);
        Assert.Equal(1, Assert.Single(again.Acks).Sequence);
        Assert.Equal((1L, 1L, 1L, 1L), await _sut.GetEventSummaryAsync(School, Locker, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Commit_SameSequenceDifferentContent_IsQuarantinedAsReplayed()
    {
        await CommitAsync(Event(1, EventType.Deposit));
        CommitResult replay = await CommitAsync(Event(1, EventType.Retrieve));

        Assert.Equal([RejectReason.Replayed], replay.RejectedReasons);
        Assert.Equal(RejectReason.Replayed, Assert.Single(await _sut.GetQuarantineAsync(10, TestContext.Current.CancellationToken)).Reason);
    }

    [Fact]
    public async Task Commit_DepositThenRetrieve_UpdatesCustody()
    {
        await CommitAsync(Event(1, EventType.Deposit, compartment: 2));
        var item = Assert.Single(await _sut.GetCustodyAsync(School, TestContext.Current.CancellationToken));
        Assert.Equal(2, item.Compartment);
        Assert.Equal(s_credential, item.Credential);

        await CommitAsync(Event(2, EventType.Retrieve, compartment: 2));
        Assert.Empty(await _sut.GetCustodyAsync(null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Commit_JournalGap_AcknowledgesPastTheLostEvents()
    {
        await CommitAsync(Event(1));
        CommitResult result = await CommitAsync(Event(5, EventType.JournalGap), Event(6));

        Assert.Equal(6, Assert.Single(result.Acks).Sequence);
    }

    [Fact]
    public async Task Commit_AuthenticEventOfUnknownType_IsQuarantinedButAcknowledged()
    {
        CommitResult result = await CommitAsync(Event(1), Event(2, "teleported"), Event(3));

        Assert.Equal([RejectReason.UnknownType], result.RejectedReasons);
        Assert.Equal(3, Assert.Single(result.Acks).Sequence);
    }

    [Fact]
    public async Task Commit_FirstEventsSeenStartAboveOne_AcksFromThere()
    {
        CommitResult result = await CommitAsync(Event(40), Event(41));

        Assert.Equal(41, Assert.Single(result.Acks).Sequence);
    }

    [Fact]
    public async Task Commit_RejectedMessage_IsKeptWithReasonSizeAndPreview()
    {
        var message = new IncomingMessage(Topics.For(School, Locker, TopicKind.Events), "garbage"u8.ToArray(), DateTimeOffset.UnixEpoch);
        CommitResult result = await _sut.CommitAsync([_verifier.Verify(message)], TestContext.Current.CancellationToken);

        Assert.Equal([RejectReason.Malformed], result.RejectedReasons);
        Assert.Empty(result.Acks);
        var kept = Assert.Single(await _sut.GetQuarantineAsync(10, TestContext.Current.CancellationToken));
        Assert.Equal("garbage", kept.PayloadPreview);
        Assert.Equal(7, kept.PayloadBytes);
    }

    [Fact]
    public async Task Reopen_AfterCommit_KeepsEventsAndAckPoint()
    {
        await CommitAsync(Event(1), Event(2));
        _sut.Dispose();
        SqliteConnection.ClearAllPools();
        _sut = CreateSut();
        await _sut.InitializeAsync(TestContext.Current.CancellationToken);

        CommitResult result = await CommitAsync(Event(3));

        Assert.Equal(3, Assert.Single(result.Acks).Sequence);
        Assert.Equal((3L, 3L, 1L, 3L), await _sut.GetEventSummaryAsync(School, Locker, TestContext.Current.CancellationToken));
    }

    private LedgerStore CreateSut() => new(
        new SqliteDatabase(
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = Path.Combine(_directory, "ledger.db") }),
            new HostingEnvironment { ContentRootPath = _directory }),
        TimeProvider.System);

    private IncomingMessage Event(long sequence, string type = EventType.Deposit, int compartment = 1)
    {
        var lockerEvent = new LockerEvent
        {
            Device = Locker, Boot = 1, Sequence = sequence, TimestampUtc = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc),
            TimeSynchronized = true, UptimeMilliseconds = sequence, Type = type, Compartment = compartment, Credential = s_credential, Subject = string.Empty,
        };
        return new IncomingMessage(Topics.For(School, Locker, TopicKind.Events), EventCodec.Encode(lockerEvent, _key), DateTimeOffset.UnixEpoch);
    }

    private Task<CommitResult> CommitAsync(params IncomingMessage[] messages) =>
        _sut.CommitAsync(messages.Select(_verifier.Verify).ToList(), TestContext.Current.CancellationToken);
}
