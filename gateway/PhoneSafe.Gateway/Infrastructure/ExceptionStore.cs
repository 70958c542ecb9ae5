using System.Data.Common;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Recorded exceptions (SLT-agreed, trips, Headteacher consents) and parent notices. Append-only: what was agreed
/// stays on record.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock for recording times.</param>
public sealed class ExceptionStore(IDatabase database, TimeProvider time) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS policy_exceptions (
            id {id},
            school TEXT NOT NULL,
            kind TEXT NOT NULL,
            person_id TEXT NOT NULL,
            from_date TEXT NOT NULL,
            to_date TEXT NOT NULL,
            approved_by TEXT NOT NULL,
            reason TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_utc TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS parent_notices (
            id {id},
            school TEXT NOT NULL,
            pupil_id TEXT NOT NULL,
            notified_utc TEXT NOT NULL,
            notified_by TEXT NOT NULL,
            method TEXT NOT NULL,
            parent_requested INTEGER NOT NULL,
            note TEXT,
            recorded_utc TEXT NOT NULL);
        """;

    private const string ExceptionColumns = "id, school, kind, person_id, from_date, to_date, approved_by, reason, recorded_by, recorded_utc";
    private const string NoticeColumns = "id, school, pupil_id, notified_utc, notified_by, method, parent_requested, note, recorded_utc";

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Records exceptions of one kind for several people (one row each).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="kind">An <see cref="ExceptionKind"/> word.</param>
    /// <param name="people">The people covered.</param>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day (inclusive).</param>
    /// <param name="approvedBy">Who agreed, led or consented.</param>
    /// <param name="reason">Why.</param>
    /// <param name="recordedBy">Who entered it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored exceptions.</returns>
    public async Task<IReadOnlyList<PolicyException>> AddAsync(
        string school, string kind, IReadOnlyList<string> people, DateOnly from, DateOnly to, string approvedBy, string reason, string recordedBy, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = new List<PolicyException>();
        foreach (string person in people)
        {
            await using DbCommand insert = connection.Command(
                """
                INSERT INTO policy_exceptions (school, kind, person_id, from_date, to_date, approved_by, reason, recorded_by, recorded_utc)
                VALUES (@school, @kind, @person, @from, @to, @approved, @reason, @recorded_by, @now) RETURNING id
                """,
                transaction,
                ("@school", school),
                ("@kind", kind),
                ("@person", person),
                ("@from", StoredTime.FormatDate(from)),
                ("@to", StoredTime.FormatDate(to)),
                ("@approved", approvedBy),
                ("@reason", reason),
                ("@recorded_by", recordedBy),
                ("@now", StoredTime.Format(now)));
            long id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            stored.Add(new PolicyException(id, school, kind, person, from, to, approvedBy, reason, recordedBy, now));
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    /// <summary>
    /// Lists exceptions.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="kind">Only this kind, or all.</param>
    /// <param name="personId">Only this person, or all.</param>
    /// <param name="on">Only those covering this date, or all.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Ordered by start date.</returns>
    public Task<List<PolicyException>> ListAsync(string school, string? kind, string? personId, DateOnly? on, CancellationToken cancellationToken)
    {
        string? day = on is DateOnly d ? StoredTime.FormatDate(d) : null;
        return database.QueryAsync(
            $"""
            SELECT {ExceptionColumns} FROM policy_exceptions
            WHERE school = @school AND (CAST(@kind AS TEXT) IS NULL OR kind = @kind) AND (CAST(@person AS TEXT) IS NULL OR person_id = @person)
              AND (CAST(@on AS TEXT) IS NULL OR (from_date <= @on AND to_date >= @on))
            ORDER BY from_date, id
            """,
            [("@school", school), ("@kind", kind), ("@person", personId), ("@on", day)],
            ReadException,
            cancellationToken);
    }

    /// <summary>
    /// Records that a pupil's parents were made aware.
    /// </summary>
    /// <param name="notice">The notice (its id and recording time are assigned here).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored notice.</returns>
    public async Task<ParentNotice> AddNoticeAsync(ParentNotice notice, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand insert = connection.Command(
            """
            INSERT INTO parent_notices (school, pupil_id, notified_utc, notified_by, method, parent_requested, note, recorded_utc)
            VALUES (@school, @pupil, @notified, @by, @method, @requested, @note, @now) RETURNING id
            """,
            null,
            ("@school", notice.School),
            ("@pupil", notice.PupilId),
            ("@notified", StoredTime.Format(notice.NotifiedUtc)),
            ("@by", notice.NotifiedBy),
            ("@method", notice.Method),
            ("@requested", notice.ParentRequested ? 1 : 0),
            ("@note", notice.Note),
            ("@now", StoredTime.Format(now)));
        long id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return notice with { Id = id, RecordedUtc = now };
    }

    /// <summary>
    /// Lists parent notices.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="pupilId">Only this pupil, or all.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Ordered by notification time.</returns>
    public Task<List<ParentNotice>> ListNoticesAsync(string school, string? pupilId, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"SELECT {NoticeColumns} FROM parent_notices WHERE school = @school AND (CAST(@pupil AS TEXT) IS NULL OR pupil_id = @pupil) ORDER BY notified_utc, id",
            [("@school", school), ("@pupil", pupilId)],
            r => new ParentNotice(
                r.GetInt64(0), r.GetString(1), r.GetString(2), StoredTime.Parse(r.GetString(3)), r.GetString(4), r.GetString(5), r.GetInt32(6) != 0, r.NullableString(7), StoredTime.Parse(r.GetString(8))),
            cancellationToken);

    private static PolicyException ReadException(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), StoredTime.ParseDate(r.GetString(4)), StoredTime.ParseDate(r.GetString(5)),
        r.GetString(6), r.GetString(7), r.GetString(8), StoredTime.Parse(r.GetString(9)));
}
