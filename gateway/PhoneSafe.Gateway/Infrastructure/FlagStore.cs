using System.Data.Common;
using System.Globalization;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Flags, their review history, the policy engine's progress through the ledger and pending intake checks; plus the
/// read-only views of the ledger (events, lockers, credentials) the engine evaluates.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock for raising and review times.</param>
public sealed class FlagStore(IDatabase database, TimeProvider time) : ISchemaInitializer
{
    /// <summary>The name used in history rows for changes made by the gateway itself.</summary>
    public const string SystemActor = "policy";

    private const string CursorName = "events";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS flags (
            id {id},
            school TEXT NOT NULL,
            kind TEXT NOT NULL,
            dedupe_key TEXT NOT NULL,
            status TEXT NOT NULL,
            resolution TEXT,
            person_id TEXT,
            credential TEXT,
            locker TEXT,
            compartment INTEGER,
            event_id BIGINT,
            occurred_utc TEXT NOT NULL,
            raised_utc TEXT NOT NULL,
            detail TEXT NOT NULL,
            exception_id BIGINT,
            updated_utc TEXT NOT NULL,
            UNIQUE (school, kind, dedupe_key));
        CREATE INDEX IF NOT EXISTS ix_flags_school_occurred ON flags (school, occurred_utc);
        CREATE TABLE IF NOT EXISTS flag_history (
            id {id},
            flag_id BIGINT NOT NULL REFERENCES flags (id),
            at_utc TEXT NOT NULL,
            by_whom TEXT NOT NULL,
            from_status TEXT,
            to_status TEXT NOT NULL,
            resolution TEXT,
            note TEXT);
        CREATE INDEX IF NOT EXISTS ix_flag_history_flag ON flag_history (flag_id);
        CREATE TABLE IF NOT EXISTS policy_progress (
            name TEXT PRIMARY KEY,
            last_id BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS policy_deadlines (
            school TEXT NOT NULL,
            event_id BIGINT NOT NULL,
            due_utc TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (school, event_id));
        """;

    private const string FlagColumns =
        "id, school, kind, status, resolution, person_id, credential, locker, compartment, event_id, occurred_utc, raised_utc, detail, exception_id, updated_utc";

    private const string EventColumns =
        "e.id, e.school, e.locker, e.boot, e.seq, e.type, e.compartment, e.credential, e.subject, e.device_utc, e.time_synced, e.received_utc, " + LedgerStore.ClockSetBack;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Gets the id of the last ledger event evaluated.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>0 when none.</returns>
    public async Task<long> GetLastEvaluatedAsync(CancellationToken cancellationToken)
    {
        List<long> rows = await database.QueryAsync(
            "SELECT last_id FROM policy_progress WHERE name = @name", [("@name", CursorName)], r => r.GetInt64(0), cancellationToken);
        return rows.Count == 0 ? 0 : rows[0];
    }

    /// <summary>
    /// Stores flags (each at most once per school, kind and dedupe key), new and completed intake checks, and the
    /// evaluation progress, in one transaction: a crash leaves either all or none of it.
    /// </summary>
    /// <param name="flags">Flags to raise, with their school.</param>
    /// <param name="deadlines">Intake checks to schedule.</param>
    /// <param name="completed">Intake checks done (school, event id).</param>
    /// <param name="lastEvaluated">The new progress through the ledger, or null to leave it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many flags were new or refreshed (<see cref="FlagDraft.Refreshable"/>).</returns>
    public async Task<int> CommitAsync(
        IReadOnlyList<(string School, FlagDraft Draft)> flags,
        IReadOnlyList<IntakeDeadline> deadlines,
        IReadOnlyList<(string School, long EventId)> completed,
        long? lastEvaluated,
        CancellationToken cancellationToken)
    {
        string now = StoredTime.Format(time.GetUtcNow());
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        int raised = 0;
        await using DbCommand insert = connection.Command(
            """
            INSERT INTO flags (school, kind, dedupe_key, status, person_id, credential, locker, compartment, event_id, occurred_utc, raised_utc, detail, exception_id, updated_utc)
            VALUES (@school, @kind, @key, @status, @person, @credential, @locker, @compartment, @event, @occurred, @now, @detail, @exception, @now)
            ON CONFLICT (school, kind, dedupe_key) DO NOTHING
            RETURNING id
            """,
            transaction,
            ("@school", null), ("@kind", null), ("@key", null), ("@status", null), ("@person", null), ("@credential", null), ("@locker", null),
            ("@compartment", null), ("@event", null), ("@occurred", null), ("@now", null), ("@detail", null), ("@exception", null));
        await using DbCommand history = HistoryCommand(connection, transaction);
        await using DbCommand refresh = connection.Command(
            """
            UPDATE flags SET detail = @detail, status = @status, exception_id = @exception, updated_utc = @now
            WHERE school = @school AND kind = @kind AND dedupe_key = @key AND status IN ('open', 'suppressed') AND detail <> @detail
            """,
            transaction,
            ("@detail", null), ("@status", null), ("@exception", null), ("@now", null), ("@school", null), ("@kind", null), ("@key", null));
        foreach ((string school, FlagDraft d) in flags)
        {
            insert.Bind(school, d.Kind, d.DedupeKey, d.Status, d.PersonId, d.Credential, d.Locker, d.Compartment, d.EventId, StoredTime.Format(d.OccurredUtc), now, d.Detail, d.SuppressedBy);
            if (await insert.ExecuteScalarAsync(cancellationToken) is { } id)
            {
                raised++;
                string note = d.SuppressedBy is null ? "raised" : "raised while an exception applied";
                history.Run(Convert.ToInt64(id, CultureInfo.InvariantCulture), now, SystemActor, null, d.Status, null, note);
            }
            else if (d.Refreshable)
            {
                raised += refresh.Run(d.Detail, d.Status, d.SuppressedBy, now, school, d.Kind, d.DedupeKey);
            }
        }

        await using DbCommand schedule = connection.Command(
            "INSERT INTO policy_deadlines (school, event_id, due_utc) VALUES (@school, @event, @due) ON CONFLICT (school, event_id) DO NOTHING",
            transaction,
            ("@school", null),
            ("@event", null),
            ("@due", null));
        foreach (IntakeDeadline deadline in deadlines)
        {
            schedule.Run(deadline.School, deadline.EventId, StoredTime.Format(deadline.DueUtc));
        }

        await using DbCommand done = connection.Command(
            "UPDATE policy_deadlines SET done = 1 WHERE school = @school AND event_id = @event", transaction, ("@school", null), ("@event", null));
        foreach ((string school, long eventId) in completed)
        {
            done.Run(school, eventId);
        }

        if (lastEvaluated is long last)
        {
            await using DbCommand progress = connection.Command(
                """
                INSERT INTO policy_progress (name, last_id) VALUES (@name, @last)
                ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id
                """,
                transaction,
                ("@name", CursorName),
                ("@last", last));
            await progress.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return raised;
    }

    /// <summary>
    /// Lists intake checks that are due and not done.
    /// </summary>
    /// <param name="nowUtc">Now.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Due checks, oldest first.</returns>
    public Task<List<IntakeDeadline>> GetDueDeadlinesAsync(DateTimeOffset nowUtc, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT school, event_id, due_utc FROM policy_deadlines WHERE done = 0 AND due_utc <= @now ORDER BY due_utc",
            [("@now", StoredTime.Format(nowUtc))],
            r => new IntakeDeadline(r.GetString(0), r.GetInt64(1), StoredTime.Parse(r.GetString(2))),
            cancellationToken);

    /// <summary>
    /// Reads ledger events stored after an id.
    /// </summary>
    /// <param name="afterId">Last id already evaluated.</param>
    /// <param name="limit">At most this many.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>In id order.</returns>
    public Task<List<StoredEvent>> GetEventsAfterAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"SELECT {EventColumns} FROM events e WHERE e.id > @after ORDER BY e.id LIMIT @limit",
            [("@after", afterId), ("@limit", limit)],
            ReadEvent,
            cancellationToken);

    /// <summary>
    /// Reads one ledger event.
    /// </summary>
    /// <param name="id">Event id.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The event, or null.</returns>
    public async Task<StoredEvent?> GetEventAsync(long id, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {EventColumns} FROM events e WHERE e.id = @id", [("@id", id)], ReadEvent, cancellationToken)).FirstOrDefault();

    /// <summary>
    /// Reads the latest deposits and retrievals made with any credential of a person (own phone, not pupils').
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <param name="limit">At most this many, newest first.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Events, newest stored first.</returns>
    public Task<List<StoredEvent>> GetCustodyEventsOfAsync(string school, string personId, int limit, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"""
            SELECT {EventColumns} FROM events e
            WHERE e.school = @school AND e.subject = '' AND e.type IN ({EventTypeSql.Custody})
              AND e.credential IN (SELECT c.credential FROM credentials c WHERE c.school = @school AND c.person_id = @person)
            ORDER BY e.id DESC LIMIT @limit
            """,
            [("@school", school), ("@person", personId), ("@limit", limit)],
            ReadEvent,
            cancellationToken);

    /// <summary>
    /// Reads the lockers of a school with their last status.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>(locker, status or null, status time or null).</returns>
    public Task<List<(string Locker, string? Status, DateTimeOffset? StatusUtc)>> GetLockerStatusesAsync(string school, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT locker, status, status_utc FROM lockers WHERE school = @school ORDER BY locker",
            [("@school", school)],
            r => (r.GetString(0), r.NullableString(1), r.IsDBNull(2) ? (DateTimeOffset?)null : StoredTime.Parse(r.GetString(2))),
            cancellationToken);

    /// <summary>
    /// Lists a school's flags.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="filter">Which ones.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Newest occurrence first.</returns>
    public Task<List<Flag>> ListAsync(string school, FlagFilter filter, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"""
            SELECT {FlagColumns} FROM flags
            WHERE school = @school AND (CAST(@status AS TEXT) IS NULL OR status = @status) AND (CAST(@kind AS TEXT) IS NULL OR kind = @kind)
              AND (CAST(@person AS TEXT) IS NULL OR person_id = @person)
              AND (CAST(@from AS TEXT) IS NULL OR occurred_utc >= @from) AND (CAST(@to AS TEXT) IS NULL OR occurred_utc < @to)
            ORDER BY occurred_utc DESC, id DESC LIMIT @limit
            """,
            [
                ("@school", school), ("@status", filter.Status), ("@kind", filter.Kind), ("@person", filter.PersonId),
                ("@from", filter.FromUtc is DateTimeOffset f ? StoredTime.Format(f) : null),
                ("@to", filter.ToUtc is DateTimeOffset t ? StoredTime.Format(t) : null),
                ("@limit", filter.Limit),
            ],
            ReadFlag,
            cancellationToken);

    /// <summary>
    /// Reads one flag.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="id">Flag id.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The flag, or null.</returns>
    public async Task<Flag?> GetAsync(string school, long id, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {FlagColumns} FROM flags WHERE school = @school AND id = @id", [("@school", school), ("@id", id)], ReadFlag, cancellationToken)).FirstOrDefault();

    /// <summary>
    /// Reads a flag's history.
    /// </summary>
    /// <param name="flagId">Flag id.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Oldest first.</returns>
    public Task<List<FlagHistoryEntry>> GetHistoryAsync(long flagId, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT id, flag_id, at_utc, by_whom, from_status, to_status, resolution, note FROM flag_history WHERE flag_id = @flag ORDER BY id",
            [("@flag", flagId)],
            r => new FlagHistoryEntry(r.GetInt64(0), r.GetInt64(1), StoredTime.Parse(r.GetString(2)), r.GetString(3), r.NullableString(4), r.GetString(5), r.NullableString(6), r.NullableString(7)),
            cancellationToken);

    /// <summary>
    /// Moves flags along the review workflow (<see cref="FlagReview"/>) with one outcome and note, recording the change
    /// in each flag's history. All or nothing: when any flag is missing or cannot take the step, none changes.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="ids">Flag ids (at least one).</param>
    /// <param name="status">The new status.</param>
    /// <param name="resolution">The resolution when resolving, else null.</param>
    /// <param name="note">The reviewer's note.</param>
    /// <param name="by">Who decided.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The ids that do not exist, and one refusal per flag that cannot take the step (both empty when stored).</returns>
    public async Task<(IReadOnlyList<long> Missing, IReadOnlyList<string> Refusals)> ReviewAsync(
        string school, IReadOnlyList<long> ids, string status, string? resolution, string note, string by, CancellationToken cancellationToken)
    {
        string now = StoredTime.Format(time.GetUtcNow());
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        var missing = new List<long>();
        var refusals = new List<string>();
        var current = new Dictionary<long, string>();
        foreach (long id in ids.Distinct())
        {
            List<string> row = await connection.QueryAsync(
                "SELECT status FROM flags WHERE school = @school AND id = @id", transaction, [("@school", school), ("@id", id)], r => r.GetString(0), cancellationToken);
            if (row.Count == 0)
            {
                missing.Add(id);
            }
            else if (FlagReview.Check(row[0], status, resolution) is string refusal)
            {
                refusals.Add(FormattableString.Invariant($"flag {id}: {refusal}"));
            }
            else
            {
                current[id] = row[0];
            }
        }

        if (missing.Count > 0 || refusals.Count > 0)
        {
            return (missing, refusals);
        }

        await using DbCommand update = connection.Command(
            "UPDATE flags SET status = @status, resolution = @resolution, updated_utc = @now WHERE school = @school AND id = @id",
            transaction,
            ("@status", null), ("@resolution", null), ("@now", null), ("@school", null), ("@id", null));
        await using DbCommand history = HistoryCommand(connection, transaction);
        foreach ((long id, string from) in current)
        {
            update.Run(status, resolution, now, school, id);
            history.Run(id, now, by, from, status, resolution, note);
        }

        await transaction.CommitAsync(cancellationToken);
        return ([], []);
    }

    /// <summary>
    /// Closes the open flags of a kind that occurred before a cut-off: resolved as <see cref="FlagResolution.Expired"/>,
    /// by <see cref="SystemActor"/>, with the rule in their history. Flags under investigation are left to their reviewer.
    /// </summary>
    /// <param name="kind">A <see cref="FlagKind"/> word.</param>
    /// <param name="beforeUtc">Flags that occurred before this are closed.</param>
    /// <param name="note">The rule, for the history.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many flags were closed.</returns>
    public async Task<int> CloseExpiredAsync(string kind, DateTimeOffset beforeUtc, string note, CancellationToken cancellationToken)
    {
        string now = StoredTime.Format(time.GetUtcNow());
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        List<long> ids = await connection.QueryAsync(
            "SELECT id FROM flags WHERE kind = @kind AND status = @open AND occurred_utc < @before ORDER BY id",
            transaction,
            [("@kind", kind), ("@open", FlagStatus.Open), ("@before", StoredTime.Format(beforeUtc))],
            r => r.GetInt64(0),
            cancellationToken);
        await using DbCommand update = connection.Command(
            "UPDATE flags SET status = @status, resolution = @resolution, updated_utc = @now WHERE id = @id",
            transaction,
            ("@status", FlagStatus.Resolved), ("@resolution", FlagResolution.Expired), ("@now", now), ("@id", null));
        await using DbCommand history = HistoryCommand(connection, transaction);
        foreach (long id in ids)
        {
            update.Run(FlagStatus.Resolved, FlagResolution.Expired, now, id);
            history.Run(id, now, SystemActor, FlagStatus.Open, FlagStatus.Resolved, FlagResolution.Expired, note);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    private static DbCommand HistoryCommand(DbConnection connection, DbTransaction transaction) => connection.Command(
        """
        INSERT INTO flag_history (flag_id, at_utc, by_whom, from_status, to_status, resolution, note)
        VALUES (@flag, @at, @by, @from, @to, @resolution, @note)
        """,
        transaction,
        ("@flag", null), ("@at", null), ("@by", null), ("@from", null), ("@to", null), ("@resolution", null), ("@note", null));

    private static StoredEvent ReadEvent(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetString(5), r.GetInt32(6), r.GetString(7), r.GetString(8),
        StoredTime.Parse(r.GetString(9)), r.GetInt64(10) != 0, StoredTime.Parse(r.GetString(11)), r.GetInt64(12) != 0);

    private static Flag ReadFlag(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.NullableString(5), r.NullableString(6), r.NullableString(7),
        r.IsDBNull(8) ? null : r.GetInt32(8), r.NullableInt64(9), StoredTime.Parse(r.GetString(10)), StoredTime.Parse(r.GetString(11)), r.GetString(12),
        r.NullableInt64(13), StoredTime.Parse(r.GetString(14)));
}
