using System.Data.Common;
using System.Globalization;
using System.Text;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The ledger on SQLite or PostgreSQL (<see cref="IDatabase"/>). One writer connection serves
/// <see cref="CommitAsync"/> and registrations, one at a time; reads open their own connections.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock used for registration times and a first contact's settling time.</param>
/// <param name="keys">Encrypts device and credential keys at rest.</param>
public sealed class LedgerStore(IDatabase database, TimeProvider time, KeyProtection keys) : ILedgerStore, IDisposable
{
    private const int PreviewBytes = 512;
    // Four times the largest event: every message that could be genuine is kept whole, an oversized one as a prefix
    // (with its real size), so oversized messages cannot fill the disk through the quarantine.
    private const int MaxQuarantinedBytes = 4 * PhoneSafe.Firmware.Core.Protocol.ProtocolVersion.MaxEventBytes;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS schools (
            school TEXT PRIMARY KEY,
            credential_key {bytes} NOT NULL,
            created_utc TEXT NOT NULL,
            chain_head TEXT,
            chain_length BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS lockers (
            school TEXT NOT NULL REFERENCES schools (school),
            locker TEXT NOT NULL,
            device_key {bytes} NOT NULL,
            created_utc TEXT NOT NULL,
            status TEXT,
            status_utc TEXT,
            acked_seq BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (school, locker));
        CREATE TABLE IF NOT EXISTS events (
            id {id},
            school TEXT NOT NULL,
            locker TEXT NOT NULL,
            boot BIGINT NOT NULL,
            seq BIGINT NOT NULL,
            type TEXT NOT NULL,
            compartment INTEGER NOT NULL,
            credential TEXT NOT NULL,
            subject TEXT NOT NULL,
            device_utc TEXT NOT NULL,
            time_synced INTEGER NOT NULL,
            uptime_ms BIGINT NOT NULL,
            received_utc TEXT NOT NULL,
            payload TEXT NOT NULL,
            chain_index BIGINT NOT NULL,
            chain_hash TEXT NOT NULL,
            UNIQUE (school, locker, boot, seq),
            UNIQUE (school, locker, seq),
            UNIQUE (school, chain_index));
        CREATE INDEX IF NOT EXISTS ix_events_credential ON events (school, credential, received_utc);
        CREATE TABLE IF NOT EXISTS ledger_checkpoints (
            school TEXT NOT NULL,
            chain_index BIGINT NOT NULL,
            chain_hash TEXT NOT NULL,
            rows_removed BIGINT NOT NULL,
            created_utc TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (school, chain_index));
        CREATE TABLE IF NOT EXISTS ledger_checkpoint_signatures (
            school TEXT NOT NULL,
            chain_index BIGINT NOT NULL,
            signature TEXT NOT NULL,
            signed_utc TEXT NOT NULL,
            PRIMARY KEY (school, chain_index));
        CREATE TABLE IF NOT EXISTS held_events (
            school TEXT NOT NULL,
            chain_index BIGINT NOT NULL,
            previous_hash TEXT NOT NULL,
            reason TEXT NOT NULL,
            held_since_utc TEXT NOT NULL,
            PRIMARY KEY (school, chain_index));
        CREATE TABLE IF NOT EXISTS custody (
            school TEXT NOT NULL,
            locker TEXT NOT NULL,
            compartment INTEGER NOT NULL,
            credential TEXT NOT NULL,
            since_utc TEXT NOT NULL,
            seq BIGINT NOT NULL,
            PRIMARY KEY (school, locker, compartment));
        CREATE TABLE IF NOT EXISTS clock_set_back (
            school TEXT NOT NULL,
            locker TEXT NOT NULL,
            seq BIGINT NOT NULL,
            PRIMARY KEY (school, locker, seq));
        CREATE TABLE IF NOT EXISTS quarantine (
            id {id},
            received_utc TEXT NOT NULL,
            topic TEXT NOT NULL,
            reason TEXT NOT NULL,
            payload {bytes} NOT NULL,
            payload_bytes INTEGER NOT NULL);
        """;

    /// <summary>
    /// SQL for 1 when the event <c>e</c> came after its locker's clock went back within the boot (listed in the
    /// append-only <c>clock_set_back</c> table at ingest, <see cref="DeviceClock.WentBack"/>), else 0: its device time
    /// is then not used, as for an unsynchronised clock.
    /// </summary>
    internal const string ClockSetBack =
        "(CASE WHEN EXISTS (SELECT 1 FROM clock_set_back b WHERE b.school = e.school AND b.locker = e.locker AND b.seq = e.seq) THEN 1 ELSE 0 END)";

    /// <summary>A <c>clock_set_back</c> row whose event retention has removed: the only kind that may be deleted.</summary>
    internal const string ClockSetBackOrphan =
        "NOT EXISTS (SELECT 1 FROM events v WHERE v.school = clock_set_back.school AND v.locker = clock_set_back.locker AND v.seq = clock_set_back.seq)";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private DbConnection? _writer;
    private long _quarantineBytes = -1;

    /// <summary>Default of <see cref="QuarantineCapBytes"/>: 256 MiB.</summary>
    public const long DefaultQuarantineCapBytes = 256L * 1024 * 1024;

    /// <summary>
    /// Gets the most payload bytes the quarantine keeps. Beyond it the oldest messages go (down to three quarters of
    /// the cap), so a locker or an attacker sending refused messages at the broker's rate cannot fill the disk; every
    /// refusal is still counted in /api/ingest.
    /// </summary>
    public long QuarantineCapBytes { get; init; } = DefaultQuarantineCapBytes;

    /// <summary>
    /// Deleting an event row is allowed only when a checkpoint of its school covers it (the audited retention cut,
    /// docs/storage.md); every UPDATE is refused.
    /// </summary>
    private const string CoveredByCheckpoint =
        "EXISTS (SELECT 1 FROM ledger_checkpoints c WHERE c.school = OLD.school AND c.chain_index >= OLD.chain_index)";

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await database.CreateSchemaAsync(
            Schema + database.Dialect.AppendOnly("events", CoveredByCheckpoint) + database.Dialect.AppendOnly("ledger_checkpoints", null)
            + database.Dialect.AppendOnly("ledger_checkpoint_signatures", null) + database.Dialect.AppendOnly("clock_set_back", ClockSetBackOrphan.Replace("clock_set_back.", "OLD.", StringComparison.Ordinal)),
            cancellationToken);
        await ProtectStoredKeysAsync(cancellationToken);
    }

    /// <summary>
    /// Encrypts keys still stored in plain text (databases from before encryption at rest) and re-encrypts keys whose
    /// Data Protection key is no longer the current one. Runs at every start.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many keys were written again.</returns>
    public async Task<int> ProtectStoredKeysAsync(CancellationToken cancellationToken)
    {
        var stale = new List<(string Sql, string School, string? Locker, byte[] Stored)>();
        await ReadAsync("SELECT school, credential_key FROM schools", [], r => stale.Add(("UPDATE schools SET credential_key = @key WHERE school = @school", r.GetString(0), null, (byte[])r.GetValue(1))), cancellationToken);
        await ReadAsync("SELECT school, locker, device_key FROM lockers", [], r => stale.Add(("UPDATE lockers SET device_key = @key WHERE school = @school AND locker = @locker", r.GetString(0), r.GetString(1), (byte[])r.GetValue(2))), cancellationToken);
        stale.RemoveAll(k => !keys.NeedsProtecting(k.Stored));
        foreach ((string sql, string school, string? locker, byte[] stored) in stale)
        {
            await WithWriterAsync(
                async writer =>
                {
                    await using DbCommand command = writer.Command(sql, null, ("@key", keys.Protect(keys.Unprotect(stored))), ("@school", school), ("@locker", locker));
                    await command.ExecuteNonQueryAsync(cancellationToken);
                },
                cancellationToken);
        }

        return stale.Count;
    }

    /// <inheritdoc/>
    public Task<byte[]> EnsureSchoolAsync(string school, byte[] credentialKey, CancellationToken cancellationToken) =>
        InsertOrGetKeyAsync(
            """
            INSERT INTO schools (school, credential_key, created_utc) VALUES (@school, @key, @now) ON CONFLICT DO NOTHING;
            SELECT credential_key FROM schools WHERE school = @school;
            """,
            school,
            null,
            credentialKey,
            cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]> EnsureLockerAsync(string school, string locker, byte[] deviceKey, CancellationToken cancellationToken) =>
        InsertOrGetKeyAsync(
            """
            INSERT INTO lockers (school, locker, device_key, created_utc) VALUES (@school, @locker, @key, @now) ON CONFLICT DO NOTHING;
            SELECT device_key FROM lockers WHERE school = @school AND locker = @locker;
            """,
            school,
            locker,
            deviceKey,
            cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<(string School, string Locker, byte[] Key)>> GetLockerKeysAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(string, string, byte[])>();
        await ReadAsync("SELECT school, locker, device_key FROM lockers WHERE revoked_utc IS NULL", [], r => rows.Add((r.GetString(0), r.GetString(1), keys.Unprotect((byte[])r.GetValue(2)))), cancellationToken);
        return rows;
    }

    /// <inheritdoc/>
    public async Task<bool> ReplaceLockerKeyAsync(string school, string locker, byte[] deviceKey, CancellationToken cancellationToken)
    {
        int updated = 0;
        await WithWriterAsync(
            async writer =>
            {
                await using DbCommand update = writer.Command(
                    "UPDATE lockers SET device_key = @key WHERE school = @school AND locker = @locker", null, ("@key", keys.Protect(deviceKey)), ("@school", school), ("@locker", locker));
                updated = await update.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
        return updated == 1;
    }

    /// <inheritdoc/>
    public async Task<byte[]?> GetLockerKeyAsync(string school, string locker, CancellationToken cancellationToken)
    {
        byte[]? key = null;
        await ReadAsync(
            "SELECT device_key FROM lockers WHERE school = @school AND locker = @locker AND revoked_utc IS NULL",
            [("@school", school), ("@locker", locker)],
            r => key = keys.Unprotect((byte[])r.GetValue(0)),
            cancellationToken);
        return key;
    }

    /// <inheritdoc/>
    public async Task<CommitResult> CommitAsync(IReadOnlyList<VerifiedMessage> batch, CancellationToken cancellationToken)
    {
        CommitResult? result = null;
        await WithWriterAsync(
            async writer =>
            {
                await using DbTransaction transaction = await writer.BeginTransactionAsync(cancellationToken);
                using var writeBatch = new LedgerBatchWriter(writer, transaction);
                writeBatch.LockSchools(batch.Where(m => m.School is not null && (m.Event is not null || m.Disposition == MessageDisposition.Status)).Select(m => m.School!));
                foreach (VerifiedMessage message in batch)
                {
                    writeBatch.Apply(message);
                }

                writeBatch.SaveChainHeads();
                IReadOnlyList<AckPoint> acks = writeBatch.AdvanceAckPoints(time.GetUtcNow());
                await transaction.CommitAsync(cancellationToken);
                result = new CommitResult(writeBatch.Stored, writeBatch.Duplicates, writeBatch.RejectedReasons, acks);
                if (writeBatch.QuarantinedBytes > 0)
                {
                    await CapQuarantineAsync(writer, writeBatch.QuarantinedBytes, cancellationToken);
                }
            },
            cancellationToken);
        return result!;
    }

    /// <summary>
    /// Records, in one transaction under the school's lock, a phone taken out without the locker: a gateway-recorded
    /// ledger entry (<see cref="GatewayRecord"/>) in the school's hash chain, and the end of that compartment's custody.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="facts">Locker, compartment, when, who, why and by whom.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored entry, or null when no phone is in custody in that compartment (nothing written).</returns>
    public async Task<Reconciliation?> RecordReconciliationAsync(string school, Reconciliation facts, CancellationToken cancellationToken)
    {
        Reconciliation? stored = null;
        await WithWriterAsync(
            async writer =>
            {
                await using DbTransaction transaction = await writer.BeginTransactionAsync(cancellationToken);
                using var writeBatch = new LedgerBatchWriter(writer, transaction);
                writeBatch.LockSchools([school]);
                stored = writeBatch.AppendReconciliation(school, facts, time.GetUtcNow());
                writeBatch.SaveChainHeads();
                await transaction.CommitAsync(cancellationToken);
            },
            cancellationToken);
        return stored;
    }

    /// <summary>
    /// Reads which compartments of a school's lockers hold a phone, as the lockers keep it: the pupil's credential hash
    /// for an office intake, else the depositing card's.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>One row per occupied compartment.</returns>
    public async Task<IReadOnlyList<(string Locker, int Compartment, string Occupant)>> GetOccupantsAsync(string school, CancellationToken cancellationToken)
    {
        var rows = new List<(string, int, string)>();
        await ReadAsync(
            """
            SELECT c.locker, c.compartment, CASE WHEN coalesce(e.subject, '') <> '' THEN e.subject ELSE c.credential END FROM custody c
            LEFT JOIN events e ON e.school = c.school AND e.locker = c.locker AND e.seq = c.seq
            WHERE c.school = @school
            """,
            [("@school", school)],
            r => rows.Add((r.GetString(0), r.GetInt32(1), r.GetString(2))),
            cancellationToken);
        return rows;
    }

    /// <summary>
    /// Lists the reconciliations recorded at a school's lockers.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Only this locker, or every locker when null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Newest first.</returns>
    public async Task<IReadOnlyList<Reconciliation>> ListReconciliationsAsync(string school, string? locker, CancellationToken cancellationToken)
    {
        var items = new List<Reconciliation>();
        await ReadAsync(
            """
            SELECT payload, chain_index FROM events
            WHERE school = @school AND seq < 0 AND type = @type AND (CAST(@locker AS TEXT) IS NULL OR locker = @locker)
            ORDER BY chain_index DESC
            """,
            [("@school", school), ("@type", GatewayRecord.ReconciledType), ("@locker", locker)],
            r =>
            {
                if (GatewayRecord.Decode(r.GetString(0), r.GetInt64(1)) is { } entry)
                {
                    items.Add(entry);
                }
            },
            cancellationToken);
        return items;
    }

    // Keeps a running total (read once from the table) and, past the cap, deletes the oldest messages in one statement.
    private async Task CapQuarantineAsync(DbConnection writer, long added, CancellationToken cancellationToken)
    {
        _quarantineBytes = _quarantineBytes < 0 ? await QuarantineBytesAsync(writer, cancellationToken) : _quarantineBytes + added;
        if (_quarantineBytes <= QuarantineCapBytes)
        {
            return;
        }

        await using DbCommand trim = writer.Command(
            """
            DELETE FROM quarantine WHERE id < (
                SELECT coalesce(min(id), 0) FROM (SELECT id, sum(length(payload)) OVER (ORDER BY id DESC) AS kept FROM quarantine) newest
                WHERE kept <= @keep)
            """,
            null,
            ("@keep", QuarantineCapBytes * 3 / 4));
        await trim.ExecuteNonQueryAsync(cancellationToken);
        _quarantineBytes = await QuarantineBytesAsync(writer, cancellationToken);
    }

    private static async Task<long> QuarantineBytesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using DbCommand total = connection.Command("SELECT coalesce(sum(length(payload)), 0) FROM quarantine");
        return Convert.ToInt64(await total.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CustodyItem>> GetCustodyAsync(string? school, CancellationToken cancellationToken)
    {
        var items = new List<CustodyItem>();
        await ReadAsync(
            """
            SELECT school, locker, compartment, credential, since_utc, seq FROM custody
            WHERE CAST(@school AS TEXT) IS NULL OR school = @school
            ORDER BY school, locker, compartment
            """,
            [("@school", school)],
            r => items.Add(new CustodyItem(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), StoredTime.Parse(r.GetString(4)), r.GetInt64(5))),
            cancellationToken);
        return items;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<QuarantinedMessage>> GetQuarantineAsync(string? school, int limit, CancellationToken cancellationToken)
    {
        var items = new List<QuarantinedMessage>();
        string where = school is null ? string.Empty : "WHERE topic LIKE @topics";
        await ReadAsync(
            $"SELECT id, received_utc, topic, reason, payload_bytes, substr(payload, 1, @preview) FROM quarantine {where} ORDER BY id DESC LIMIT @limit",
            [("@preview", PreviewBytes), ("@limit", limit), ("@topics", Topics.Prefix + "/" + school + "/%")],
            r => items.Add(new QuarantinedMessage(
                r.GetInt64(0), StoredTime.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetInt32(4), Encoding.UTF8.GetString((byte[])r.GetValue(5)))),
            cancellationToken);
        return items;
    }

    /// <inheritdoc/>
    public async Task<(long Count, long Distinct, long Min, long Max)> GetEventSummaryAsync(string school, string locker, CancellationToken cancellationToken)
    {
        (long, long, long, long) summary = default;
        await ReadAsync(
            "SELECT count(*), count(DISTINCT seq), coalesce(min(seq), 0), coalesce(max(seq), 0) FROM events WHERE school = @school AND locker = @locker AND seq > 0",
            [("@school", school), ("@locker", locker)],
            r => summary = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)),
            cancellationToken);
        return summary;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _writer?.Dispose();
        _writeGate.Dispose();
    }

    /// <summary>
    /// Cuts a payload to what quarantine keeps.
    /// </summary>
    /// <param name="payload">The payload.</param>
    /// <returns>At most 64 KiB of it.</returns>
    internal static byte[] Truncate(byte[] payload) => payload.Length <= MaxQuarantinedBytes ? payload : payload[..MaxQuarantinedBytes];

    /// <inheritdoc/>
    public async Task<bool> RevokeLockerAsync(string school, string locker, CancellationToken cancellationToken)
    {
        int changed = 0;
        await WithWriterAsync(
            async writer =>
            {
                await using DbCommand command = writer.Command(
                    "UPDATE lockers SET revoked_utc = @now WHERE school = @school AND locker = @locker AND revoked_utc IS NULL",
                    null,
                    ("@school", school),
                    ("@locker", locker),
                    ("@now", StoredTime.Format(time.GetUtcNow())));
                changed = await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
        return changed == 1;
    }


    private async Task ReadAsync(string sql, (string Name, object? Value)[] parameters, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(sql, null, parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private async Task<byte[]> InsertOrGetKeyAsync(string sql, string school, string? locker, byte[] key, CancellationToken cancellationToken)
    {
        byte[]? stored = null;
        await WithWriterAsync(
            async writer =>
            {
                await using DbCommand command = writer.Command(sql, null, ("@school", school), ("@locker", locker), ("@key", keys.Protect(key)), ("@now", StoredTime.Format(time.GetUtcNow())));
                stored = keys.Unprotect((byte[])(await command.ExecuteScalarAsync(cancellationToken))!);
            },
            cancellationToken);
        return stored!;
    }

    private async Task WithWriterAsync(Func<DbConnection, Task> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            _writer ??= await database.OpenAsync(cancellationToken);
            try
            {
                await work(_writer);
            }
            catch (DbException)
            {
                // A failed connection (disk full, server restart) is replaced on the next call.
                await _writer.DisposeAsync();
                _writer = null;
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
