using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Purges personal data past its retention period (docs/data-protection/retention.md). Ledger events go in one cut
/// per school behind a <c>ledger_checkpoints</c> row recording the hash it cut at, signed in the same transaction
/// (<see cref="CheckpointSigner"/>), so the chain still verifies (docs/storage.md). Nothing stops the cut: the few events past retention that something still needs (an open or
/// investigated flag's event, the deposit of a phone still in custody, a pupil intake whose parent-notice check is
/// due) stay behind it, listed in <c>held_events</c> with why and the hash before them, and go at the first purge
/// after they are no longer needed. Before events go, their daily counts per type are kept (not personal data) and
/// pupil intake/release events are copied to <c>pupil_phone_records</c>, which keep their longer period. Each school is
/// one transaction; a dry run rolls every transaction back and reports the same counts.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="options">The periods.</param>
/// <param name="time">The clock.</param>
/// <param name="signer">Signs each checkpoint.</param>
public sealed class RetentionStore(IDatabase database, IOptions<RetentionOptions> options, TimeProvider time, CheckpointSigner signer) : ISchemaInitializer
{
    /// <summary>The reason written on checkpoints made by the purge.</summary>
    public const string CheckpointReason = "retention";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS event_daily_counts (
            school TEXT NOT NULL,
            day TEXT NOT NULL,
            type TEXT NOT NULL,
            event_count BIGINT NOT NULL,
            PRIMARY KEY (school, day, type));
        CREATE TABLE IF NOT EXISTS pupil_phone_records (
            school TEXT NOT NULL,
            chain_index BIGINT NOT NULL,
            locker TEXT NOT NULL,
            compartment INTEGER NOT NULL,
            type TEXT NOT NULL,
            pupil_credential TEXT NOT NULL,
            staff_credential TEXT NOT NULL,
            at_utc TEXT NOT NULL,
            kept_utc TEXT NOT NULL,
            PRIMARY KEY (school, chain_index));
        """;

    // The events past retention that something still needs, with why; the first reason listed wins.
    private const string NeededEvents = """
        SELECT e.chain_index, 'flag' FROM events e JOIN flags f ON f.school = e.school AND f.event_id = e.id
        WHERE e.school = @school AND e.chain_index <= @cut AND f.status IN ('open', 'under-investigation')
        UNION ALL
        SELECT e.chain_index, 'custody' FROM events e JOIN custody c ON c.school = e.school AND c.locker = e.locker AND c.seq = e.seq
        WHERE e.school = @school AND e.chain_index <= @cut
        UNION ALL
        SELECT e.chain_index, 'intake-check' FROM events e JOIN policy_deadlines d ON d.school = e.school AND d.event_id = e.id
        WHERE e.school = @school AND e.chain_index <= @cut AND d.done = 0
        """;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Purges every school, then the trust-wide audit log and quarantine.
    /// </summary>
    /// <param name="dryRun">Count only: every change is rolled back.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was (or would be) removed.</returns>
    public async Task<RetentionReport> PurgeAsync(bool dryRun, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        var report = new RetentionReport { DryRun = dryRun, RanUtc = now };
        List<string> schools = await database.QueryAsync(
            """
            SELECT school FROM schools UNION SELECT school FROM people UNION SELECT school FROM flags
            UNION SELECT school FROM policy_exceptions UNION SELECT school FROM parent_notices UNION SELECT school FROM pupil_phone_records
            ORDER BY 1
            """,
            [],
            r => r.GetString(0),
            cancellationToken);
        foreach (string school in schools)
        {
            await PurgeSchoolAsync(school, options.Value.For(school), now, dryRun, report, cancellationToken);
        }

        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        report.Audit = await RunAsync(connection, transaction, "DELETE FROM audit_log WHERE at_utc < @before", cancellationToken, ("@before", Before(now, options.Value.AuditDays)));
        report.Quarantine = await RunAsync(connection, transaction, "DELETE FROM quarantine WHERE received_utc < @before", cancellationToken, ("@before", Before(now, options.Value.QuarantineDays)));
        await EndAsync(transaction, dryRun, cancellationToken);
        return report;
    }

    /// <summary>
    /// Lists the pupil intake/release records kept after their events left the ledger.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="pupilCredentials">Only these pupil credential hashes.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>(chain index, locker, compartment, type, pupil credential, staff credential, at) oldest first.</returns>
    public async Task<IReadOnlyList<PupilPhoneRecord>> ListPupilRecordsAsync(string school, IReadOnlyCollection<string> pupilCredentials, CancellationToken cancellationToken)
    {
        List<PupilPhoneRecord> all = await database.QueryAsync(
            "SELECT chain_index, locker, compartment, type, pupil_credential, staff_credential, at_utc FROM pupil_phone_records WHERE school = @school ORDER BY chain_index",
            [("@school", school)],
            r => new PupilPhoneRecord(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), r.GetString(5), StoredTime.Parse(r.GetString(6))),
            cancellationToken);
        return [.. all.Where(r => pupilCredentials.Contains(r.PupilCredential))];
    }

    private async Task PurgeSchoolAsync(string school, RetentionPeriods periods, DateTimeOffset now, bool dryRun, RetentionReport report, CancellationToken cancellationToken)
    {
        string eventsBefore = Before(now, periods.EventDays);
        string pupilBefore = Before(now, periods.PupilRecordDays);
        string credentialBefore = Before(now, periods.CredentialDays);
        string nowText = StoredTime.Format(now);
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        (string, object?) s = ("@school", school);

        // The ledger writer takes the same row lock before appending, so the cut and new events do not interleave.
        await RunAsync(connection, transaction, "UPDATE schools SET chain_length = chain_length WHERE school = @school", cancellationToken, s);
        long checkpoint = (await ScalarAsync(connection, transaction, "SELECT max(chain_index) FROM ledger_checkpoints WHERE school = @school", cancellationToken, s)) ?? 0;
        long? last = await ScalarAsync(connection, transaction, "SELECT max(chain_index) FROM events WHERE school = @school", cancellationToken, s);
        long? young = await ScalarAsync(
            connection,
            transaction,
            "SELECT min(chain_index) FROM events WHERE school = @school AND chain_index > @checkpoint AND received_utc >= @before",
            cancellationToken,
            s,
            ("@checkpoint", checkpoint),
            ("@before", eventsBefore));
        long cut = young is long y ? y - 1 : last ?? 0;
        if (cut > checkpoint || await HeldCountAsync(connection, transaction, s, cancellationToken) > 0)
        {
            cut = Math.Max(cut, checkpoint);
            (string, object?) c = ("@cut", cut);
            await HoldAsync(connection, transaction, s, c, nowText, cancellationToken);
            const string Removable = "school = @school AND chain_index <= @cut AND chain_index NOT IN (SELECT chain_index FROM held_events WHERE school = @school)";
            await RunAsync(
                connection,
                transaction,
                $"""
                INSERT INTO event_daily_counts (school, day, type, event_count)
                SELECT school, substr(received_utc, 1, 10), type, count(*) FROM events WHERE {Removable}
                GROUP BY school, substr(received_utc, 1, 10), type
                ON CONFLICT (school, day, type) DO UPDATE SET event_count = event_daily_counts.event_count + excluded.event_count
                """,
                cancellationToken,
                s,
                c);
            report.PupilRecordsKept += await RunAsync(
                connection,
                transaction,
                $"""
                INSERT INTO pupil_phone_records (school, chain_index, locker, compartment, type, pupil_credential, staff_credential, at_utc, kept_utc)
                SELECT school, chain_index, locker, compartment, type, subject, credential, received_utc, @now FROM events
                WHERE {Removable} AND subject <> '' AND type IN ('deposit', 'retrieve') AND received_utc >= @pupil_before
                ON CONFLICT (school, chain_index) DO NOTHING
                """,
                cancellationToken,
                s,
                c,
                ("@now", nowText),
                ("@pupil_before", pupilBefore));
            long removed = (await ScalarAsync(connection, transaction, $"SELECT count(*) FROM events WHERE {Removable}", cancellationToken, s, c))!.Value;
            if (cut > checkpoint)
            {
                await RunAsync(
                    connection,
                    transaction,
                    """
                    INSERT INTO ledger_checkpoints (school, chain_index, chain_hash, rows_removed, created_utc, reason)
                    SELECT school, chain_index, chain_hash, @removed, @now, @reason FROM events WHERE school = @school AND chain_index = @cut
                    """,
                    cancellationToken,
                    s,
                    c,
                    ("@removed", removed),
                    ("@now", nowText),
                    ("@reason", CheckpointReason));
                await signer.SignStoredAsync(connection, transaction, school, cut, nowText, cancellationToken);
            }

            report.Events += await RunAsync(connection, transaction, $"DELETE FROM events WHERE {Removable}", cancellationToken, s, c);
            await RunAsync(connection, transaction, $"DELETE FROM clock_set_back WHERE school = @school AND {LedgerStore.ClockSetBackOrphan}", cancellationToken, s);
            if (removed > 0)
            {
                report.Cuts.Add(new RetentionCut(school, cut, removed));
            }

            report.Held.AddRange(await ListHeldAsync(connection, transaction, school, cancellationToken));
        }

        report.Deadlines += await RunAsync(
            connection, transaction, "DELETE FROM policy_deadlines WHERE school = @school AND done = 1 AND due_utc < @before", cancellationToken, s, ("@before", eventsBefore));
        report.PupilRecords += await RunAsync(
            connection, transaction, "DELETE FROM pupil_phone_records WHERE school = @school AND at_utc < @before", cancellationToken, s, ("@before", pupilBefore));

        // Flags: no further action (explained, false alarm) or suppressed after the short period; breaches after the
        // long one; open and under-investigation flags are kept whatever their age.
        const string ExpiredFlags = """
            SELECT id FROM flags WHERE school = @school AND (
                (status = 'resolved' AND resolution = 'breach' AND updated_utc < @breach_before)
                OR ((status = 'suppressed' OR (status = 'resolved' AND resolution <> 'breach')) AND updated_utc < @flag_before))
            """;
        (string, object?)[] flagParameters = [s, ("@breach_before", Before(now, periods.BreachFlagDays)), ("@flag_before", Before(now, periods.ResolvedFlagDays))];
        report.FlagHistory += await RunAsync(connection, transaction, $"DELETE FROM flag_history WHERE flag_id IN ({ExpiredFlags})", cancellationToken, flagParameters);
        await RunAsync(connection, transaction, $"DELETE FROM flag_accounts WHERE flag_id IN ({ExpiredFlags})", cancellationToken, flagParameters);
        report.Flags += await RunAsync(connection, transaction, $"DELETE FROM flags WHERE id IN ({ExpiredFlags})", cancellationToken, flagParameters);

        report.Exceptions += await RunAsync(
            connection,
            transaction,
            "DELETE FROM policy_exceptions WHERE school = @school AND to_date < @before",
            cancellationToken,
            s,
            ("@before", StoredTime.FormatDate(DateOnly.FromDateTime(now.UtcDateTime).AddDays(-Math.Max(0, periods.ExceptionDays)))));
        report.ParentNotices += await RunAsync(
            connection, transaction, "DELETE FROM parent_notices WHERE school = @school AND notified_utc < @before", cancellationToken, s, ("@before", pupilBefore));
        // The e-mails and exports behind those notices (parents' addresses, the texts sent) and confiscations in class
        // are pupil records too, kept for the same period.
        report.ParentNotices += await RunAsync(
            connection, transaction, "DELETE FROM notice_deliveries WHERE school = @school AND created_utc < @before", cancellationToken, s, ("@before", pupilBefore));
        await RunAsync(connection, transaction, "DELETE FROM confiscations WHERE school = @school AND confiscated_utc < @before", cancellationToken, s, ("@before", pupilBefore));

        // Cards: revoked ones, and every card of a leaver, after the short period; then the leaver's own record.
        (string, object?) b = ("@before", credentialBefore);
        const string Leavers = "SELECT person_id FROM people WHERE school = @school AND active = 0 AND updated_utc < @before";
        report.Credentials += await RunAsync(
            connection,
            transaction,
            $"DELETE FROM credentials WHERE school = @school AND ((revoked_utc IS NOT NULL AND revoked_utc < @before) OR person_id IN ({Leavers}))",
            cancellationToken,
            s,
            b);
        await RunAsync(connection, transaction, $"DELETE FROM compartment_assignments WHERE school = @school AND person_id IN ({Leavers})", cancellationToken, s, b);
        await RunAsync(connection, transaction, $"DELETE FROM timetable_entries WHERE school = @school AND person_id IN ({Leavers})", cancellationToken, s, b);
        report.People += await RunAsync(connection, transaction, "DELETE FROM people WHERE school = @school AND active = 0 AND updated_utc < @before", cancellationToken, s, b);
        await EndAsync(transaction, dryRun, cancellationToken);
    }

    /// <summary>
    /// Lists the events kept past their retention period because something still needs them, by reason.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>One line per reason.</returns>
    public async Task<IReadOnlyList<HeldRecords>> ListHeldAsync(string school, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        return await ListHeldAsync(connection, null, school, cancellationToken);
    }

    private static Task<List<HeldRecords>> ListHeldAsync(DbConnection connection, DbTransaction? transaction, string school, CancellationToken cancellationToken) =>
        connection.QueryAsync(
            """
            SELECT h.reason, count(*), min(e.received_utc) FROM held_events h JOIN events e ON e.school = h.school AND e.chain_index = h.chain_index
            WHERE h.school = @school GROUP BY h.reason ORDER BY h.reason
            """,
            transaction,
            [("@school", school)],
            r => new HeldRecords(school, r.GetString(0), r.GetInt64(1), StoredTime.Parse(r.GetString(2))),
            cancellationToken);

    private static async Task<long> HeldCountAsync(DbConnection connection, DbTransaction transaction, (string, object?) school, CancellationToken cancellationToken) =>
        (await ScalarAsync(connection, transaction, "SELECT count(*) FROM held_events WHERE school = @school", cancellationToken, school))!.Value;

    // Records which events up to the cut stay, and why. Each keeps the hash of the event before it, so the ledger
    // check can still prove it unchanged once its neighbours are gone (LedgerVerifier).
    private static async Task HoldAsync(DbConnection connection, DbTransaction transaction, (string, object?) school, (string, object?) cut, string now, CancellationToken cancellationToken)
    {
        var needed = new Dictionary<long, string>();
        foreach ((long index, string reason) in await connection.QueryAsync(NeededEvents, transaction, [school, cut], r => (r.GetInt64(0), r.GetString(1)), cancellationToken))
        {
            needed.TryAdd(index, reason);
        }

        Dictionary<long, (string Previous, string Since)> held = (await connection.QueryAsync(
            "SELECT chain_index, previous_hash, held_since_utc FROM held_events WHERE school = @school",
            transaction,
            [school],
            r => (Index: r.GetInt64(0), Previous: r.GetString(1), Since: r.GetString(2)),
            cancellationToken)).ToDictionary(h => h.Index, h => (h.Previous, h.Since));
        await RunAsync(connection, transaction, "DELETE FROM held_events WHERE school = @school", cancellationToken, school);
        foreach ((long index, string reason) in needed)
        {
            (string Previous, string Since) kept = held.TryGetValue(index, out var known) ? known : (await PreviousHashAsync(connection, transaction, school, index, cancellationToken), now);
            await RunAsync(
                connection,
                transaction,
                "INSERT INTO held_events (school, chain_index, previous_hash, reason, held_since_utc) VALUES (@school, @index, @previous, @reason, @since)",
                cancellationToken,
                school,
                ("@index", index),
                ("@previous", kept.Previous),
                ("@reason", reason),
                ("@since", kept.Since));
        }
    }

    // The chain hash before an event: its predecessor's, the checkpoint's that cut there, or the genesis.
    private static async Task<string> PreviousHashAsync(DbConnection connection, DbTransaction transaction, (string, object?) school, long index, CancellationToken cancellationToken)
    {
        List<string> hashes = await connection.QueryAsync(
            """
            SELECT chain_hash FROM events WHERE school = @school AND chain_index = @previous
            UNION ALL
            SELECT chain_hash FROM ledger_checkpoints WHERE school = @school AND chain_index = @previous
            """,
            transaction,
            [school, ("@previous", index - 1)],
            r => r.GetString(0),
            cancellationToken);
        return hashes.Count > 0 ? hashes[0] : LedgerChain.Genesis;
    }

    private static string Before(DateTimeOffset now, int days) => StoredTime.Format(now - TimeSpan.FromDays(Math.Max(0, days)));

    private static async Task<long> RunAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using DbCommand command = connection.Command(sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using DbCommand command = connection.Command(sql, transaction, parameters);
        object? value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static async Task EndAsync(DbTransaction transaction, bool dryRun, CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        else
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
