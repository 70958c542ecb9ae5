using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>
/// Upgrading a database made by schema version 1 (the stores' own tables, no <c>schema_version</c>), with data in it,
/// to the latest version as the gateway does at start-up.
/// </summary>
public abstract class SchemaMigrationTests(TestStorage storage) : DatabaseTestBase(storage, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero))
{
    public override async ValueTask InitializeAsync() => Db = await TestDatabase.CreateAsync(Storage, Time, schemaVersion: 1);

    [Fact]
    public async Task Initialize_Version1DatabaseWithData_UpgradesToLatest_NothingLost_ChainStillVerifies()
    {
        // Written as version 1 wrote them: the locker registered, its events verified and committed.
        var directory = new LockerDirectory(Db.Ledger, Time);
        (byte[] key, _) = await directory.ProvisionAsync("migrate-school", "lk-1", TestContext.Current.CancellationToken);
        var verifier = new MessageVerifier(directory);
        for (int i = 1; i <= 5; i++)
        {
            var lockerEvent = new LockerEvent
            {
                Device = "lk-1", Boot = 1, Sequence = i, TimestampUtc = Time.GetUtcNow().UtcDateTime.AddMinutes(i), TimeSynchronized = true,
                Type = i % 2 == 1 ? EventType.Deposit : EventType.Retrieve, Compartment = 1, Credential = "0123456789abcdef0123456789abcdef", Subject = string.Empty,
            };
            var message = new IncomingMessage(Topics.For("migrate-school", "lk-1", TopicKind.Events), EventCodec.Encode(lockerEvent, key), Time.GetUtcNow());
            Assert.Equal(1, (await Db.Ledger.CommitAsync([verifier.Verify(message)], TestContext.Current.CancellationToken)).Stored);
        }

        await Db.People.UpsertAsync(new Person("migrate-school", "p-1", PersonKind.Staff, "Ada Lovelace"), TestContext.Current.CancellationToken);
        List<string> eventsBefore = await Db.QueryAsync("SELECT chain_hash FROM events ORDER BY chain_index");
        DatabaseSchema schema = Db.Schema;

        await schema.InitializeAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SchemaMigrations.Latest, await schema.GetVersionAsync(TestContext.Current.CancellationToken));
        Assert.Equal(eventsBefore, await Db.QueryAsync("SELECT chain_hash FROM events ORDER BY chain_index"));
        Assert.Equal(["p-1"], await Db.QueryAsync("SELECT person_id FROM people"));
        LedgerVerification verification = await Db.Verifier.VerifyAsync(null, TestContext.Current.CancellationToken);
        Assert.True(verification.Ok, verification.FirstBreak?.Reason);
        Assert.Equal(5, verification.Events);

        // Version 2's column is there and works; the locker's past events stay.
        Assert.NotNull(await Db.Ledger.GetLockerKeyAsync("migrate-school", "lk-1", TestContext.Current.CancellationToken));
        Assert.True(await Db.Ledger.RevokeLockerAsync("migrate-school", "lk-1", TestContext.Current.CancellationToken));
        Assert.Null(await Db.Ledger.GetLockerKeyAsync("migrate-school", "lk-1", TestContext.Current.CancellationToken));
        Assert.Equal(5, (await Db.Verifier.VerifyAsync(null, TestContext.Current.CancellationToken)).Events);
    }

    [Fact]
    public async Task Initialize_CheckpointFromBeforeSignatures_SignedOnceByTheUpgrade_ALaterUnsignedOneIsABreak()
    {
        await Db.Schema.InitializeAsync(2, TestContext.Current.CancellationToken);
        TestLedger ledger = await TestLedger.CreateAsync(Db, "migrate-school");
        for (int i = 0; i < 4; i++)
        {
            await ledger.CommitAsync(EventType.DoorForced, Time.GetUtcNow().AddMinutes(i), string.Empty);
        }

        // A purge before checkpoints were signed: the cut recorded, the events before it removed.
        await Storage.ExecuteAsync(Checkpoint(2));

        await Db.Schema.InitializeAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["2"], await Db.QueryAsync("SELECT chain_index FROM ledger_checkpoint_signatures"));
        LedgerVerification upgraded = await Db.Verifier.VerifyAsync(null, TestContext.Current.CancellationToken);
        Assert.True(upgraded.Ok, upgraded.FirstBreak?.Reason);

        // From then on a cut nobody signed, at the next start or not, is reported.
        await Storage.ExecuteAsync(Checkpoint(3));
        await Db.Schema.InitializeAsync(TestContext.Current.CancellationToken);
        LedgerVerification later = await Db.Verifier.VerifyAsync(null, TestContext.Current.CancellationToken);
        Assert.Equal(3, later.FirstBreak?.ChainIndex);
        Assert.Contains("not signed", later.FirstBreak!.Reason, StringComparison.Ordinal);

        static string Checkpoint(long cut) => $"""
            INSERT INTO ledger_checkpoints (school, chain_index, chain_hash, rows_removed, created_utc, reason)
            SELECT school, chain_index, chain_hash, 1, '2026-11-25T09:00:00.0000000+00:00', 'retention' FROM events WHERE school = 'migrate-school' AND chain_index = {cut};
            DELETE FROM events WHERE school = 'migrate-school' AND chain_index <= {cut};
            """;
    }

    [Fact]
    public async Task Initialize_Twice_AppliesEachStepOnce()
    {
        DatabaseSchema schema = Db.Schema;

        await schema.InitializeAsync(TestContext.Current.CancellationToken);
        await schema.InitializeAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SchemaMigrations.Steps.Select(s => s.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), await Db.QueryAsync("SELECT version FROM schema_version ORDER BY version"));
    }

    [Fact]
    public async Task Initialize_ToVersion1_LeavesTheLaterStepsForLater()
    {
        DatabaseSchema schema = Db.Schema;

        await schema.InitializeAsync(1, TestContext.Current.CancellationToken);

        Assert.Equal(1, await schema.GetVersionAsync(TestContext.Current.CancellationToken));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Db.QueryAsync("SELECT revoked_utc FROM lockers"));
    }
}
