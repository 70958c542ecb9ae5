using System.Data.Common;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Each school's calendar (time zone, terms, closures, weekday timings) and staff timetables.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock for update times.</param>
public sealed class CalendarStore(IDatabase database, TimeProvider time) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS school_calendars (
            school TEXT PRIMARY KEY,
            time_zone TEXT NOT NULL,
            parent_notice_hours INTEGER NOT NULL,
            updated_utc TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS calendar_terms (
            id {id},
            school TEXT NOT NULL,
            name TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS calendar_closures (
            id {id},
            school TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            kind TEXT NOT NULL,
            description TEXT);
        CREATE TABLE IF NOT EXISTS calendar_days (
            id {id},
            school TEXT NOT NULL,
            weekday INTEGER NOT NULL,
            start_minute INTEGER NOT NULL,
            end_minute INTEGER NOT NULL,
            home_minute INTEGER);
        CREATE TABLE IF NOT EXISTS timetable_entries (
            id {id},
            school TEXT NOT NULL,
            person_id TEXT NOT NULL,
            weekday INTEGER NOT NULL,
            start_minute INTEGER NOT NULL,
            end_minute INTEGER NOT NULL,
            period TEXT,
            class_name TEXT,
            room TEXT);
        CREATE INDEX IF NOT EXISTS ix_timetable_person ON timetable_entries (school, person_id);
        """;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Replaces a school's calendar.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="definition">The whole calendar (validated by the caller).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task SaveAsync(string school, CalendarDefinition definition, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (string table in new[] { "calendar_terms", "calendar_closures", "calendar_days" })
        {
            // Table names come from the fixed list above, never from input.
            await using DbCommand delete = connection.Command($"DELETE FROM {table} WHERE school = @school", transaction, ("@school", school));
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (DbCommand upsert = connection.Command(
            """
            INSERT INTO school_calendars (school, time_zone, parent_notice_hours, updated_utc) VALUES (@school, @zone, @hours, @now)
            ON CONFLICT (school) DO UPDATE SET time_zone = excluded.time_zone, parent_notice_hours = excluded.parent_notice_hours, updated_utc = excluded.updated_utc
            """,
            transaction,
            ("@school", school),
            ("@zone", definition.TimeZoneId),
            ("@hours", definition.ParentNoticeHours),
            ("@now", StoredTime.Format(time.GetUtcNow()))))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using DbCommand term = connection.Command(
            "INSERT INTO calendar_terms (school, name, start_date, end_date) VALUES (@school, @name, @start, @end)",
            transaction,
            ("@school", school),
            ("@name", null),
            ("@start", null),
            ("@end", null));
        foreach (Term t in definition.Terms)
        {
            term.Run(school, t.Name, StoredTime.FormatDate(t.Start), StoredTime.FormatDate(t.End));
        }

        await using DbCommand closure = connection.Command(
            "INSERT INTO calendar_closures (school, start_date, end_date, kind, description) VALUES (@school, @start, @end, @kind, @description)",
            transaction,
            ("@school", school),
            ("@start", null),
            ("@end", null),
            ("@kind", null),
            ("@description", null));
        foreach (Closure c in definition.Closures)
        {
            closure.Run(school, StoredTime.FormatDate(c.Start), StoredTime.FormatDate(c.End), c.Kind, c.Description);
        }

        await using DbCommand day = connection.Command(
            "INSERT INTO calendar_days (school, weekday, start_minute, end_minute, home_minute) VALUES (@school, @weekday, @start, @end, @home)",
            transaction,
            ("@school", school),
            ("@weekday", null),
            ("@start", null),
            ("@end", null),
            ("@home", null));
        foreach (DaySchedule d in definition.Days)
        {
            int? home = d.HomeTime is TimeOnly h ? Minutes(h) : null;
            foreach (TimeWindow w in d.Contact)
            {
                day.Run(school, d.Weekday, Minutes(w.Start), Minutes(w.End), home);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Reads a school's calendar.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The calendar, or null when the school has none.</returns>
    public async Task<CalendarDefinition?> GetAsync(string school, CancellationToken cancellationToken)
    {
        (string Name, object? Value)[] p = [("@school", school)];
        List<(string Zone, int Hours)> head = await database.QueryAsync(
            "SELECT time_zone, parent_notice_hours FROM school_calendars WHERE school = @school", p, r => (r.GetString(0), r.GetInt32(1)), cancellationToken);
        if (head.Count == 0)
        {
            return null;
        }

        List<Term> terms = await database.QueryAsync(
            "SELECT name, start_date, end_date FROM calendar_terms WHERE school = @school ORDER BY start_date",
            p,
            r => new Term(r.GetString(0), StoredTime.ParseDate(r.GetString(1)), StoredTime.ParseDate(r.GetString(2))),
            cancellationToken);
        List<Closure> closures = await database.QueryAsync(
            "SELECT start_date, end_date, kind, description FROM calendar_closures WHERE school = @school ORDER BY start_date",
            p,
            r => new Closure(StoredTime.ParseDate(r.GetString(0)), StoredTime.ParseDate(r.GetString(1)), r.GetString(2), r.NullableString(3)),
            cancellationToken);
        List<(int Weekday, TimeWindow Window, TimeOnly? Home)> rows = await database.QueryAsync(
            "SELECT weekday, start_minute, end_minute, home_minute FROM calendar_days WHERE school = @school ORDER BY weekday, start_minute",
            p,
            r => (r.GetInt32(0), new TimeWindow(Time(r.GetInt32(1)), Time(r.GetInt32(2))), r.IsDBNull(3) ? (TimeOnly?)null : Time(r.GetInt32(3))),
            cancellationToken);
        List<DaySchedule> days = [.. rows.GroupBy(r => r.Weekday).Select(g => new DaySchedule(g.Key, [.. g.Select(r => r.Window)], g.First().Home))];
        return new CalendarDefinition(head[0].Zone, terms, closures, days, head[0].Hours);
    }

    /// <summary>
    /// Lists the schools that have a calendar.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>School identifiers.</returns>
    public Task<List<string>> ListSchoolsAsync(CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT school FROM school_calendars ORDER BY school", [], r => r.GetString(0), cancellationToken);

    /// <summary>
    /// Replaces the timetables of the staff named in an import (staff not in it keep theirs).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="entries">The imported lessons.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many members of staff were replaced.</returns>
    public async Task<int> ReplaceTimetablesAsync(string school, IReadOnlyList<TimetableEntry> entries, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        List<string> people = [.. entries.Select(e => e.PersonId).Distinct(StringComparer.Ordinal)];
        await using DbCommand delete = connection.Command("DELETE FROM timetable_entries WHERE school = @school AND person_id = @person", transaction, ("@school", school), ("@person", null));
        foreach (string person in people)
        {
            delete.Run(school, person);
        }

        await using DbCommand insert = connection.Command(
            """
            INSERT INTO timetable_entries (school, person_id, weekday, start_minute, end_minute, period, class_name, room)
            VALUES (@school, @person, @weekday, @start, @end, @period, @class, @room)
            """,
            transaction,
            ("@school", school),
            ("@person", null),
            ("@weekday", null),
            ("@start", null),
            ("@end", null),
            ("@period", null),
            ("@class", null),
            ("@room", null));
        foreach (TimetableEntry e in entries)
        {
            insert.Run(school, e.PersonId, e.Weekday, Minutes(e.Lesson.Start), Minutes(e.Lesson.End), e.Period, e.ClassName, e.Room);
        }

        await transaction.CommitAsync(cancellationToken);
        return people.Count;
    }

    /// <summary>
    /// Lists timetabled lessons.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">Only this member of staff, or all when null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Ordered by person, weekday and start.</returns>
    public Task<List<TimetableEntry>> GetTimetableAsync(string school, string? personId, CancellationToken cancellationToken) =>
        database.QueryAsync(
            """
            SELECT person_id, weekday, start_minute, end_minute, period, class_name, room FROM timetable_entries
            WHERE school = @school AND (CAST(@person AS TEXT) IS NULL OR person_id = @person)
            ORDER BY person_id, weekday, start_minute
            """,
            [("@school", school), ("@person", personId)],
            r => new TimetableEntry(r.GetString(0), r.GetInt32(1), new TimeWindow(Time(r.GetInt32(2)), Time(r.GetInt32(3))), r.NullableString(4), r.NullableString(5), r.NullableString(6)),
            cancellationToken);

    /// <summary>
    /// Builds a school's <see cref="SchoolCalendar"/> from its calendar and timetables.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The calendar, or null when the school has none.</returns>
    public async Task<SchoolCalendar?> LoadAsync(string school, CancellationToken cancellationToken)
    {
        CalendarDefinition? definition = await GetAsync(school, cancellationToken);
        return definition is null ? null : new SchoolCalendar(definition, await GetTimetableAsync(school, null, cancellationToken));
    }

    private static int Minutes(TimeOnly time) => (time.Hour * 60) + time.Minute;

    private static TimeOnly Time(int minutes) => minutes >= 1440 ? TimeOnly.MaxValue : new TimeOnly(minutes / 60, minutes % 60);
}
