using System.Data.Common;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The de-identified daily figures of each school (<see cref="DailyFigure"/>, table <c>daily_figures</c>), which the
/// compliance pages and the governors' report read and the retention purge never removes; plus the reads of the
/// flags, exceptions and pupil intakes they are counted from.
/// </summary>
/// <param name="database">The database.</param>
public sealed class DailyFiguresStore(IDatabase database) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS daily_figures (
            school TEXT NOT NULL,
            day TEXT NOT NULL,
            measure TEXT NOT NULL,
            kind TEXT NOT NULL,
            outcome TEXT NOT NULL,
            figure BIGINT NOT NULL,
            PRIMARY KEY (school, day, measure, kind, outcome));
        """;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Replaces a school's figures of a run of days, in one transaction.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day (inclusive).</param>
    /// <param name="figures">The figures of those days (zero figures may be left out).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task ReplaceAsync(string school, DateOnly from, DateOnly to, IReadOnlyList<DailyFigure> figures, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (DbCommand delete = connection.Command(
            "DELETE FROM daily_figures WHERE school = @school AND day >= @from AND day <= @to",
            transaction,
            ("@school", school),
            ("@from", StoredTime.FormatDate(from)),
            ("@to", StoredTime.FormatDate(to))))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using DbCommand insert = connection.Command(
            "INSERT INTO daily_figures (school, day, measure, kind, outcome, figure) VALUES (@school, @day, @measure, @kind, @outcome, @figure)",
            transaction,
            ("@school", null), ("@day", null), ("@measure", null), ("@kind", null), ("@outcome", null), ("@figure", null));
        foreach (DailyFigure f in figures)
        {
            insert.Bind(school, StoredTime.FormatDate(f.Day), f.Measure, f.Kind, f.Outcome, f.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Reads a school's figures of a period.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day (inclusive).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The figures by day.</returns>
    public Task<List<DailyFigure>> ReadAsync(string school, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT day, measure, kind, outcome, figure FROM daily_figures WHERE school = @school AND day >= @from AND day <= @to ORDER BY day",
            [("@school", school), ("@from", StoredTime.FormatDate(from)), ("@to", StoredTime.FormatDate(to))],
            r => new DailyFigure(StoredTime.ParseDate(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4)),
            cancellationToken);

    /// <summary>
    /// Gets the last day a school's figures were recorded for.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The day, or null when none.</returns>
    public async Task<DateOnly?> GetLastDayAsync(string school, CancellationToken cancellationToken)
    {
        List<string?> days = await database.QueryAsync(
            "SELECT max(day) FROM daily_figures WHERE school = @school", [("@school", school)], r => r.NullableString(0), cancellationToken);
        return days[0] is string day ? StoredTime.ParseDate(day) : null;
    }

    /// <summary>
    /// Gets the time from which a school's ledger is whole: the first event after its last retention checkpoint, and
    /// whether there is such a checkpoint (before it, figures can no longer be counted again).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The first event's arrival (null when no events) and whether events were purged.</returns>
    public async Task<(DateTimeOffset? FirstEventUtc, bool Purged)> GetLedgerStartAsync(string school, CancellationToken cancellationToken)
    {
        List<(string?, long)> rows = await database.QueryAsync(
            """
            SELECT min(e.received_utc), (SELECT count(*) FROM ledger_checkpoints c WHERE c.school = @school) FROM events e
            WHERE e.school = @school AND e.chain_index > (SELECT coalesce(max(c.chain_index), 0) FROM ledger_checkpoints c WHERE c.school = @school)
            """,
            [("@school", school)],
            r => (r.NullableString(0), r.GetInt64(1)),
            cancellationToken);
        return (rows[0].Item1 is string first ? StoredTime.Parse(first) : null, rows[0].Item2 > 0);
    }

    /// <summary>
    /// Reads the flags that occurred in a period, de-identified.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="fromUtc">Occurred at or after.</param>
    /// <param name="toUtc">Occurred before.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>(kind, outcome, when) of each flag.</returns>
    public Task<List<(string Kind, string Outcome, DateTimeOffset OccurredUtc)>> ReadFlagsAsync(string school, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT kind, coalesce(resolution, status), occurred_utc FROM flags WHERE school = @school AND occurred_utc >= @from AND occurred_utc < @to",
            [("@school", school), ("@from", StoredTime.Format(fromUtc)), ("@to", StoredTime.Format(toUtc))],
            r => (r.GetString(0), r.GetString(1), StoredTime.Parse(r.GetString(2))),
            cancellationToken);

    /// <summary>
    /// Reads the exceptions in force at some point of a period, de-identified.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day (inclusive).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>(kind, first day, last day) of each exception.</returns>
    public Task<List<(string Kind, DateOnly From, DateOnly To)>> ReadExceptionsAsync(string school, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT kind, from_date, to_date FROM policy_exceptions WHERE school = @school AND from_date <= @to AND to_date >= @from",
            [("@school", school), ("@from", StoredTime.FormatDate(from)), ("@to", StoredTime.FormatDate(to))],
            r => (r.GetString(0), StoredTime.ParseDate(r.GetString(1)), StoredTime.ParseDate(r.GetString(2))),
            cancellationToken);

    /// <summary>
    /// Reads when pupil phones were taken in at the office in a period.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="fromUtc">Received at or after.</param>
    /// <param name="toUtc">Received before.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The arrival time of each pupil phone deposit.</returns>
    public Task<List<DateTimeOffset>> ReadPupilIntakesAsync(string school, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT received_utc FROM events WHERE school = @school AND type = 'deposit' AND subject <> '' AND received_utc >= @from AND received_utc < @to",
            [("@school", school), ("@from", StoredTime.Format(fromUtc)), ("@to", StoredTime.Format(toUtc))],
            r => StoredTime.Parse(r.GetString(0)),
            cancellationToken);
}
