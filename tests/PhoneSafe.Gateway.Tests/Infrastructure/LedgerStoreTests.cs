using System.Data.Common;
using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>
/// The ledger against a real database; run once per provider by <see cref="SqliteLedgerStoreTests"/> and
/// <see cref="PostgreSqlLedgerStoreTests"/>.
/// </summary>
public abstract class LedgerStoreTests(TestStorage storage) : IAsyncLifetime
{
    private const string School = "ledger-school";
    private const string Locker = "lk-1";
    private static readonly string s_credential = new('a', 32);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly KeyProtection _keys = new(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("phonesafe-keys-").FullName;
    private CheckpointSigner _signer = null!;
    private LedgerStore _sut = null!;
    private MessageVerifier _verifier = null!;
    private byte[] _key = null!;

    public async ValueTask InitializeAsync()
    {
        await storage.CreateAsync();
        _signer = new CheckpointSigner(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(), _keyDirectory);
        _sut = CreateSut();
        await InitializeSchemaAsync();
        await _sut.EnsureSchoolAsync(School, new byte[32], TestContext.Current.CancellationToken);
        _key = await _sut.EnsureLockerAsync(School, Locker, Enumerable.Repeat((byte)7, 32).ToArray(), TestContext.Current.CancellationToken);
        var directory = new LockerDirectory(_sut);
        await directory.LoadAsync(TestContext.Current.CancellationToken);
        _verifier = new MessageVerifier(directory);
    }

    public async ValueTask DisposeAsync()
    {
        _sut?.Dispose();
        await storage.DisposeAsync();
        Directory.Delete(_keyDirectory, recursive: true);
        GC.SuppressFinalize(this);
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
        Assert.Equal(RejectReason.Replayed, Assert.Single(await _sut.GetQuarantineAsync(null, 10, TestContext.Current.CancellationToken)).Reason);
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
    public async Task Commit_DepositAfterTheClockWentBackInTheSameBoot_IsHeldSinceItsArrival()
    {
        // Booted at 07:00 by its clock. Compartment 1 at 08:00; then the clock goes back an hour: compartment 2's
        // deposit at 09:00 reads 08:00, and so does compartment 3's a minute later.
        var booted = new DateTime(2026, 11, 25, 7, 0, 0, DateTimeKind.Utc);
        var arrival = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        await CommitAsync(Event(1, compartment: 1, deviceUtc: booted.AddHours(1), uptime: TimeSpan.FromHours(1), received: arrival.AddHours(-1)));
        await CommitAsync(
            Event(2, compartment: 2, deviceUtc: booted.AddHours(1), uptime: TimeSpan.FromHours(2), received: arrival),
            Event(3, compartment: 3, deviceUtc: booted.AddHours(1).AddMinutes(1), uptime: TimeSpan.FromHours(2).Add(TimeSpan.FromMinutes(1)), received: arrival.AddMinutes(1)));

        IReadOnlyList<CustodyItem> held = await _sut.GetCustodyAsync(School, TestContext.Current.CancellationToken);
        Assert.Equal(
            [arrival.AddHours(-1), arrival, arrival.AddMinutes(1)],
            held.OrderBy(c => c.Compartment).Select(c => c.SinceUtc));
    }

    [Fact]
    public async Task Commit_ClockCorrectedWithinTheTolerance_KeepsTheDeviceTime()
    {
        // Booted at 07:00; SNTP corrects the clock back by 59 s between two deposits.
        var booted = new DateTime(2026, 11, 25, 7, 0, 0, DateTimeKind.Utc);
        var arrival = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        await CommitAsync(
            Event(1, compartment: 1, deviceUtc: booted.AddHours(1), uptime: TimeSpan.FromHours(1), received: arrival),
            Event(2, compartment: 2, deviceUtc: booted.AddHours(2).AddSeconds(-59), uptime: TimeSpan.FromHours(2), received: arrival));

        IReadOnlyList<CustodyItem> held = await _sut.GetCustodyAsync(School, TestContext.Current.CancellationToken);
        Assert.Equal(
            [new DateTimeOffset(booted.AddHours(1)), new DateTimeOffset(booted.AddHours(2).AddSeconds(-59))],
            held.OrderBy(c => c.Compartment).Select(c => c.SinceUtc));
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
    public async Task Commit_FirstEventsSeenStartAboveOne_AcksFromThereOnlyOnceLowerOnesHadTimeToArrive()
    {
        // A locker that held events before this gateway existed: its lowest is 40. Until the first one has been in the
        // ledger for two resend periods nothing is acknowledged, so a lower event that was refused or is still on a
        // slower instance (here 39, arriving late) is not acknowledged unseen.
        DateTimeOffset now = _time.GetUtcNow();
        Assert.Equal(0, Assert.Single((await CommitAsync(Event(40, received: now), Event(41, received: now))).Acks).Sequence);
        _time.Advance(LedgerBatchWriter.FirstContactSettle - TimeSpan.FromSeconds(1));
        Assert.Equal(0, Assert.Single((await CommitAsync(Event(39, received: _time.GetUtcNow()))).Acks).Sequence);

        _time.Advance(LedgerBatchWriter.FirstContactSettle);
        CommitResult resent = await CommitAsync(Event(41, received: _time.GetUtcNow()));

        Assert.Equal(41, Assert.Single(resent.Acks).Sequence);
    }

    [Fact]
    public async Task Commit_FirstContactFromSequenceOne_IsAcknowledgedAtOnce()
    {
        DateTimeOffset now = _time.GetUtcNow();

        CommitResult result = await CommitAsync(Event(1, received: now), Event(2, received: now));

        Assert.Equal(2, Assert.Single(result.Acks).Sequence);
    }

    [Fact]
    public async Task Commit_RejectedMessage_IsKeptWithReasonSizeAndPreview()
    {
        var message = new IncomingMessage(Topics.For(School, Locker, TopicKind.Events), "garbage"u8.ToArray(), DateTimeOffset.UnixEpoch);
        CommitResult result = await _sut.CommitAsync([_verifier.Verify(message)], TestContext.Current.CancellationToken);

        Assert.Equal([RejectReason.Malformed], result.RejectedReasons);
        Assert.Empty(result.Acks);
        var kept = Assert.Single(await _sut.GetQuarantineAsync(null, 10, TestContext.Current.CancellationToken));
        Assert.Equal("garbage", kept.PayloadPreview);
        Assert.Equal(7, kept.PayloadBytes);
    }

    [Fact]
    public async Task Reopen_AfterCommit_KeepsEventsAndAckPoint()
    {
        await CommitAsync(Event(1), Event(2));
        _sut.Dispose();
        _sut = CreateSut();
        await InitializeSchemaAsync();

        CommitResult result = await CommitAsync(Event(3));

        Assert.Equal(3, Assert.Single(result.Acks).Sequence);
        Assert.Equal((3L, 3L, 1L, 3L), await _sut.GetEventSummaryAsync(School, Locker, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Verify_AfterCommits_IsOkWithCountsAndHead()
    {
        await CommitAsync(Event(1), Event(2), Event(3, EventType.Retrieve));
        await CommitAsync(Event(2), Event(4));

        LedgerVerification result = await CreateVerifier().VerifyAsync(null, TestContext.Current.CancellationToken);

        Assert.True(result.Ok, result.FirstBreak?.Reason);
        Assert.Equal(4, result.Events);
        Assert.Equal(1, result.Schools);
        LedgerHead head = Assert.Single(result.Heads);
        Assert.Equal(4, head.Length);
        Assert.Matches("^[0-9a-f]{64}$", head.Hash);
    }

    [Fact]
    public async Task Update_StoredEvent_IsRefusedByTrigger()
    {
        await CommitAsync(Event(1));

        await Assert.ThrowsAnyAsync<DbException>(() => storage.ExecuteAsync("UPDATE events SET compartment = 7"));
    }

    [Fact]
    public async Task Delete_StoredEvent_IsRefusedByTrigger()
    {
        await CommitAsync(Event(1));

        await Assert.ThrowsAnyAsync<DbException>(() => storage.ExecuteAsync("DELETE FROM events"));
        Assert.Equal((1L, 1L, 1L, 1L), await _sut.GetEventSummaryAsync(School, Locker, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Verify_RowChangedWithTriggerDropped_ReportsThatRow()
    {
        await CommitAsync(Event(1), Event(2), Event(3));
        await storage.ExecuteAsync(storage.DropEventTriggersSql);
        await storage.ExecuteAsync($"UPDATE events SET compartment = 4 WHERE school = '{School}' AND seq = 2");

        LedgerVerification result = await CreateVerifier().VerifyAsync(School, TestContext.Current.CancellationToken);

        Assert.False(result.Ok);
        LedgerBreak broken = result.FirstBreak!;
        Assert.Equal((School, Locker, 2L, 2L), (broken.School, broken.Locker, broken.Sequence, broken.ChainIndex));
        Assert.NotNull(broken.Id);
    }

    [Fact]
    public async Task Verify_RowAppendedWithoutTheLockersKey_HoldsTheChainButFailsTheDeviceTagCheck()
    {
        await CommitAsync(Event(1));

        // Someone able to write the database appends an event signed with a key of their own and keeps the chain whole.
        byte[] forgedKey = Enumerable.Repeat((byte)0x66, 32).ToArray();
        var forger = new MessageVerifier(new OneKey(forgedKey));
        var lockerEvent = new LockerEvent
        {
            Device = Locker, Boot = 1, Sequence = 2, TimestampUtc = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc),
            TimeSynchronized = true, UptimeMilliseconds = 2, Type = EventType.Retrieve, Compartment = 1, Credential = s_credential, Subject = string.Empty,
        };
        await _sut.CommitAsync([forger.Verify(new IncomingMessage(Topics.For(School, Locker, TopicKind.Events), EventCodec.Encode(lockerEvent, forgedKey), DateTimeOffset.UnixEpoch))], TestContext.Current.CancellationToken);

        var sut = new LedgerVerifier(storage.Open(), _signer, _sut);
        LedgerVerification chainOnly = await sut.VerifyAsync(School, TestContext.Current.CancellationToken);
        LedgerVerification withTags = await sut.VerifyAsync(School, deviceTags: true, TestContext.Current.CancellationToken);

        Assert.True(chainOnly.Ok);
        Assert.Equal(2, chainOnly.Events);
        Assert.False(withTags.Ok);
        Assert.Equal((2L, 2L), (withTags.FirstBreak!.ChainIndex, withTags.FirstBreak.Sequence));
        Assert.Contains("device tag", withTags.FirstBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeviceTags_GenuineEventsPass()
    {
        await CommitAsync(Event(1), Event(2, EventType.Retrieve));

        LedgerVerification result = await new LedgerVerifier(storage.Open(), _signer, _sut).VerifyAsync(School, deviceTags: true, TestContext.Current.CancellationToken);

        Assert.True(result.Ok, result.FirstBreak?.Reason);
        Assert.True(result.DeviceTagsChecked);
    }

    [Fact]
    public async Task Quarantine_PastItsByteCap_DropsTheOldestMessagesAndKeepsTheNewest()
    {
        using var sut = new LedgerStore(storage.Open(), _time, _keys) { QuarantineCapBytes = 10_000 };
        var verifier = new MessageVerifier(new OneKey(_key));
        byte[] forged = new byte[1_000];
        for (int i = 0; i < 50; i++)
        {
            forged[0] = (byte)i;
            await sut.CommitAsync([verifier.Verify(new IncomingMessage(Topics.For(School, Locker, TopicKind.Events), (byte[])forged.Clone(), DateTimeOffset.UnixEpoch))], TestContext.Current.CancellationToken);
        }

        IReadOnlyList<QuarantinedMessage> kept = await sut.GetQuarantineAsync(null, 1000, TestContext.Current.CancellationToken);

        Assert.InRange(kept.Sum(q => q.PayloadBytes), 1, 10_000);
        Assert.Equal(50, kept.Max(q => q.Id));
        Assert.True(kept.Min(q => q.Id) > 40, "the oldest messages should have gone");
    }

    [Fact]
    public async Task Verify_RowDeletedWithTriggerDropped_ReportsTheGap()
    {
        await CommitAsync(Event(1), Event(2), Event(3));
        await storage.ExecuteAsync(storage.DropEventTriggersSql);
        await storage.ExecuteAsync($"DELETE FROM events WHERE school = '{School}' AND seq = 2");

        LedgerBreak broken = (await CreateVerifier().VerifyAsync(null, TestContext.Current.CancellationToken)).FirstBreak!;

        Assert.Equal((2L, 3L), (broken.ChainIndex, broken.Sequence));
    }

    [Fact]
    public async Task Verify_LastRowDeletedWithTriggerDropped_ReportsRowsMissingAtTheEnd()
    {
        await CommitAsync(Event(1), Event(2), Event(3));
        await storage.ExecuteAsync(storage.DropEventTriggersSql);
        await storage.ExecuteAsync($"DELETE FROM events WHERE school = '{School}' AND seq = 3");

        LedgerBreak broken = (await CreateVerifier().VerifyAsync(null, TestContext.Current.CancellationToken)).FirstBreak!;

        Assert.Equal(3, broken.ChainIndex);
        Assert.Null(broken.Id);
    }

    [Fact]
    public async Task Delete_CoveredByACheckpointTheGatewayDidNotSign_VerifyReportsIt()
    {
        // The database role can record a cut and delete up to it (the retention purge's path, docs/storage.md), but
        // without the gateway's key it cannot sign the cut.
        await CommitAsync(Event(1), Event(2), Event(3));
        await storage.ExecuteAsync(
            $"""
            INSERT INTO ledger_checkpoints (school, chain_index, chain_hash, rows_removed, created_utc, reason)
            SELECT school, chain_index, chain_hash, 2, '2027-09-01T00:00:00.0000000+00:00', 'retention test' FROM events WHERE school = '{School}' AND chain_index = 2;
            DELETE FROM events WHERE school = '{School}' AND chain_index <= 2;
            """);

        LedgerBreak unsigned = (await CreateVerifier().VerifyAsync(null, TestContext.Current.CancellationToken)).FirstBreak!;
        Assert.Equal((School, 2L), (unsigned.School, unsigned.ChainIndex));
        Assert.Contains("not signed", unsigned.Reason, StringComparison.Ordinal);

        // A signature made up without the key is no better.
        await storage.ExecuteAsync(
            $"INSERT INTO ledger_checkpoint_signatures (school, chain_index, signature, signed_utc) VALUES ('{School}', 2, '{new string('0', 64)}', '2027-09-01T00:00:00.0000000+00:00')");
        LedgerBreak forged = (await CreateVerifier().VerifyAsync(null, TestContext.Current.CancellationToken)).FirstBreak!;
        Assert.Contains("did not make", forged.Reason, StringComparison.Ordinal);

        await Assert.ThrowsAnyAsync<DbException>(() => storage.ExecuteAsync("DELETE FROM events"));
        await Assert.ThrowsAnyAsync<DbException>(() => storage.ExecuteAsync("DELETE FROM ledger_checkpoints"));
        await Assert.ThrowsAnyAsync<DbException>(() => storage.ExecuteAsync("DELETE FROM ledger_checkpoint_signatures"));
        await Assert.ThrowsAnyAsync<DbException>(() => storage.ExecuteAsync("UPDATE ledger_checkpoint_signatures SET signature = 'x'"));
    }

    [Fact]
    public async Task Commit_TwoStoresConcurrentlyWithOverlappingBatches_StoreEachEventOnceAndChainHolds()
    {
        using LedgerStore other = CreateSut();
        // Received now, as live traffic is: a first contact above sequence 1 is then not acknowledged before the lower
        // events had time to arrive (LedgerBatchWriter.FirstContactSettle), whichever instance commits first.
        IncomingMessage[] events = Enumerable.Range(1, 200).Select(n => Event(n, received: _time.GetUtcNow())).ToArray();

        // Both "instances" commit every event, in batches of 10, at the same time (shared subscriptions can hand
        // a resend to the other instance); each event must end up stored exactly once.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Task<CommitResult[]> first = CommitInBatchesAsync(_sut, events);
        Task<CommitResult[]> second = CommitInBatchesAsync(other, events.Reverse().ToArray());
        CommitResult[] results = [.. await first, .. await second];
        TestContext.Current.SendDiagnosticMessage($"{GetType().Name}: 2 x 20 batches of 10 events, concurrently, in {clock.ElapsedMilliseconds} ms");

        Assert.Equal(200, results.Sum(r => r.Stored));
        Assert.Equal(200, results.Sum(r => r.Duplicates));
        Assert.Empty(results.SelectMany(r => r.RejectedReasons));
        Assert.Equal(200, results.SelectMany(r => r.Acks).Max(a => a.Sequence));
        Assert.Equal((200L, 200L, 1L, 200L), await _sut.GetEventSummaryAsync(School, Locker, TestContext.Current.CancellationToken));
        LedgerVerification verification = await CreateVerifier().VerifyAsync(null, TestContext.Current.CancellationToken);
        Assert.True(verification.Ok, verification.FirstBreak?.Reason);
    }

    private async Task<CommitResult[]> CommitInBatchesAsync(LedgerStore store, IncomingMessage[] events)
    {
        await Task.Yield();
        var results = new List<CommitResult>();
        foreach (IncomingMessage[] chunk in events.Chunk(10))
        {
            results.Add(await store.CommitAsync(chunk.Select(_verifier.Verify).ToList(), TestContext.Current.CancellationToken));
        }

        return [.. results];
    }

    [Fact]
    public async Task Keys_AreStoredEncrypted_AndUnreadableWithoutTheKeyRing()
    {
        byte[] deviceKey = Enumerable.Repeat((byte)7, 32).ToArray();

        byte[] stored = await ReadStoredAsync("SELECT device_key FROM lockers WHERE locker = @locker", Locker);
        byte[] storedCredentialKey = await ReadStoredAsync("SELECT credential_key FROM schools WHERE school = @locker", School);

        Assert.Equal(deviceKey, _key);
        Assert.Equal(deviceKey, await _sut.GetLockerKeyAsync(School, Locker, TestContext.Current.CancellationToken));
        Assert.NotEqual(KeyProtection.PlainKeyLength, stored.Length);
        Assert.False(stored.AsSpan().IndexOf(deviceKey) >= 0, "the device key is in the database in plain text");
        Assert.NotEqual(KeyProtection.PlainKeyLength, storedCredentialKey.Length);
        using var restoredElsewhere = new LedgerStore(storage.Open(), _time, new KeyProtection(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()));
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => restoredElsewhere.GetLockerKeyAsync(School, Locker, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ProtectStoredKeys_PlainTextKeyFromAnOlderDatabase_IsEncryptedAndStillWorks()
    {
        byte[] oldKey = Enumerable.Repeat((byte)9, 32).ToArray();
        await using (System.Data.Common.DbConnection connection = await storage.Open().OpenAsync(TestContext.Current.CancellationToken))
        {
            await using System.Data.Common.DbCommand insert = PhoneSafe.Gateway.Infrastructure.Database.DbExtensions.Command(
                connection, "INSERT INTO lockers (school, locker, device_key, created_utc) VALUES (@school, 'lk-old', @key, '2026-01-01T00:00:00.0000000+00:00')", null, ("@school", School), ("@key", oldKey));
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, await _sut.ProtectStoredKeysAsync(TestContext.Current.CancellationToken));

        Assert.NotEqual(oldKey, await ReadStoredAsync("SELECT device_key FROM lockers WHERE locker = @locker", "lk-old"));
        Assert.Equal(oldKey, await _sut.GetLockerKeyAsync(School, "lk-old", TestContext.Current.CancellationToken));
        Assert.Equal(0, await _sut.ProtectStoredKeysAsync(TestContext.Current.CancellationToken));
    }

    private async Task<byte[]> ReadStoredAsync(string sql, string value)
    {
        await using System.Data.Common.DbConnection connection = await storage.Open().OpenAsync(TestContext.Current.CancellationToken);
        await using System.Data.Common.DbCommand command = PhoneSafe.Gateway.Infrastructure.Database.DbExtensions.Command(connection, sql, null, ("@locker", value));
        return (byte[])(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private LedgerStore CreateSut() => new(storage.Open(), _time, _keys);

    private Task InitializeSchemaAsync() =>
        new PhoneSafe.Gateway.Infrastructure.Database.DatabaseSchema(storage.Open(), [_sut, new CalendarStore(storage.Open(), _time)], _time, _signer, Microsoft.Extensions.Logging.Abstractions.NullLogger<PhoneSafe.Gateway.Infrastructure.Database.DatabaseSchema>.Instance).InitializeAsync(TestContext.Current.CancellationToken);

    private LedgerVerifier CreateVerifier() => new(storage.Open(), _signer);

    private IncomingMessage Event(
        long sequence, string type = EventType.Deposit, int compartment = 1, DateTimeOffset? received = null, DateTime? deviceUtc = null, TimeSpan? uptime = null)
    {
        var lockerEvent = new LockerEvent
        {
            Device = Locker, Boot = 1, Sequence = sequence, TimestampUtc = deviceUtc ?? new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc),
            TimeSynchronized = true, UptimeMilliseconds = uptime is { } up ? (long)up.TotalMilliseconds : sequence, Type = type, Compartment = compartment, Credential = s_credential, Subject = string.Empty,
        };
        return new IncomingMessage(Topics.For(School, Locker, TopicKind.Events), EventCodec.Encode(lockerEvent, _key), received ?? DateTimeOffset.UnixEpoch);
    }

    private sealed class OneKey(byte[] key) : ILockerKeys
    {
        public byte[]? GetDeviceKey(string school, string locker) => key;
    }

    private Task<CommitResult> CommitAsync(params IncomingMessage[] messages) =>
        _sut.CommitAsync(messages.Select(_verifier.Verify).ToList(), TestContext.Current.CancellationToken);
}
