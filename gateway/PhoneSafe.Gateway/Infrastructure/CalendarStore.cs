using System.Data.Common;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Each school's calendar (time zone, terms, closures, weekday timings, two-week cycle, staff working patterns) and
/// staff timetables (weekly or Week A/B activities with effective dates, and cover lessons on a date). The week, activity,
/// date and effective-date columns and week_a_start come from <see cref="SchemaMigrations"/> steps 3 and 4.
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
        CREATE TABLE IF NOT EXISTS calendar_staff_patterns (
            school TEXT NOT NULL,
            person_id TEXT NOT NULL,
            weekdays TEXT NOT NULL,
            PRIMARY KEY (school, person_id));
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
        foreach (string table in new[] { "calendar_terms", "calendar_closures", "calendar_days", "calendar_staff_patterns" })
        {
            // Table names come from the fixed list above, never from input.
            await using DbCommand delete = connection.Command($"DELETE FROM {table} WHERE school = @school", transaction, ("@school", school));
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (DbCommand upsert = connection.Command(
            """
            INSERT INTO school_calendars (school, time_zone, parent_notice_hours, week_a_start, updated_utc) VALUES (@school, @zone, @hours, @weekA, @now)
            ON CONFLICT (school) DO UPDATE SET time_zone = excluded.time_zone, parent_notice_hours = excluded.parent_notice_hours,
                week_a_start = excluded.week_a_start, updated_utc = excluded.updated_utc
            """,
            transaction,
            ("@school", school),
            ("@zone", definition.TimeZoneId),
            ("@hours", definition.ParentNoticeHours),
            ("@weekA", definition.WeekAStart is DateOnly weekA ? StoredTime.FormatDate(weekA) : null),
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

        await using DbCommand pattern = connection.Command(
            "INSERT INTO calendar_staff_patterns (school, person_id, weekdays) VALUES (@school, @person, @weekdays)",
            transaction,
            ("@school", school),
            ("@person", null),
            ("@weekdays", null));
        foreach (StaffPattern p in definition.StaffPatterns ?? [])
        {
            pattern.Run(school, p.PersonId, string.Join(',', p.Weekdays.Order()));
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
        List<(string Zone, int Hours, DateOnly? WeekA)> head = await database.QueryAsync(
            "SELECT time_zone, parent_notice_hours, week_a_start FROM school_calendars WHERE school = @school",
            p,
            r => (r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? (DateOnly?)null : StoredTime.ParseDate(r.GetString(2))),
            cancellationToken);
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
        List<StaffPattern> patterns = await database.QueryAsync(
            "SELECT person_id, weekdays FROM calendar_staff_patterns WHERE school = @school ORDER BY person_id",
            p,
            r => new StaffPattern(r.GetString(0), [.. r.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture))]),
            cancellationToken);
        return new CalendarDefinition(head[0].Zone, terms, closures, days, head[0].Hours, head[0].WeekA, patterns);
    }

    /// <summary>
    /// Lists the schools that have a calendar.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>School identifiers.</returns>
    public Task<List<string>> ListSchoolsAsync(CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT school FROM school_calendars ORDER BY school", [], r => r.GetString(0), cancellationToken);

    /// <summary>
    /// Stores an imported timetable. The weekly entries replace those of the staff who have weekly entries in the
    /// import (staff not in it keep theirs): from <paramref name="validFrom"/> when given (their earlier timetable
    /// then ends the day before, and one starting on or after it is dropped), or entirely. Cover lessons (entries with
    /// a date) are added, replacing only a cover lesson of the same member at the same date and start.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="entries">The imported entries (validated by the caller).</param>
    /// <param name="validFrom">First day the timetable applies, or null for "now, replacing the old one".</param>
    /// <param name="validTo">Last day it applies, or null for open-ended.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many members of staff had their weekly timetable replaced.</returns>
    public async Task<int> ReplaceTimetablesAsync(string school, IReadOnlyList<TimetableEntry> entries, DateOnly? validFrom, DateOnly? validTo, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        List<string> people = [.. entries.Where(e => e.Date is null).Select(e => e.PersonId).Distinct(StringComparer.Ordinal)];
        string? from = validFrom is DateOnly f ? StoredTime.FormatDate(f) : null;
        await using DbCommand delete = connection.Command(
            """
            DELETE FROM timetable_entries WHERE school = @school AND person_id = @person AND lesson_date IS NULL
              AND (CAST(@from AS TEXT) IS NULL OR valid_from >= @from)
            """,
            transaction,
            ("@school", school),
            ("@person", null),
            ("@from", from));
        await using DbCommand end = connection.Command(
            """
            UPDATE timetable_entries SET valid_to = @dayBefore WHERE school = @school AND person_id = @person AND lesson_date IS NULL
              AND (valid_to IS NULL OR valid_to >= @from)
            """,
            transaction,
            ("@dayBefore", validFrom is DateOnly d ? StoredTime.FormatDate(d.AddDays(-1)) : null),
            ("@school", school),
            ("@person", null),
            ("@from", from));
        foreach (string person in people)
        {
            delete.Run(school, person, from);
            if (from is not null)
            {
                end.Run(StoredTime.FormatDate(validFrom!.Value.AddDays(-1)), school, person, from);
            }
        }

        await using DbCommand replaceCover = connection.Command(
            "DELETE FROM timetable_entries WHERE school = @school AND person_id = @person AND lesson_date = @date AND start_minute = @start",
            transaction,
            ("@school", school),
            ("@person", null),
            ("@date", null),
            ("@start", null));
        await using DbCommand insert = connection.Command(
            """
            INSERT INTO timetable_entries (school, person_id, weekday, start_minute, end_minute, period, class_name, room, week, activity, lesson_date, valid_from, valid_to)
            VALUES (@school, @person, @weekday, @start, @end, @period, @class, @room, @week, @activity, @date, @from, @to)
            """,
            transaction,
            ("@school", school), ("@person", null), ("@weekday", null), ("@start", null), ("@end", null), ("@period", null), ("@class", null),
            ("@room", null), ("@week", null), ("@activity", null), ("@date", null), ("@from", null), ("@to", null));
        foreach (TimetableEntry e in entries)
        {
            string? date = e.Date is DateOnly once ? StoredTime.FormatDate(once) : null;
            if (date is not null)
            {
                replaceCover.Run(school, e.PersonId, date, Minutes(e.Lesson.Start));
            }

            insert.Run(
                school, e.PersonId, e.Weekday, Minutes(e.Lesson.Start), Minutes(e.Lesson.End), e.Period, e.ClassName, e.Room, e.Week, e.Activity, date,
                date is null ? from : null, date is null && validTo is DateOnly t ? StoredTime.FormatDate(t) : null);
        }

        await transaction.CommitAsync(cancellationToken);
        return people.Count;
    }

    /// <summary>
    /// Lists timetable entries.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">Only this member of staff, or all when null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Ordered by person, effective date, cover date, weekday and start.</returns>
    public Task<List<TimetableEntry>> GetTimetableAsync(string school, string? personId, CancellationToken cancellationToken) =>
        database.QueryAsync(
            """
            SELECT person_id, weekday, start_minute, end_minute, period, class_name, room, week, activity, lesson_date, valid_from, valid_to FROM timetable_entries
            WHERE school = @school AND (CAST(@person AS TEXT) IS NULL OR person_id = @person)
            ORDER BY person_id, valid_from, lesson_date, weekday, week, start_minute
            """,
            [("@school", school), ("@person", personId)],
            r => new TimetableEntry(
                r.GetString(0), r.GetInt32(1), new TimeWindow(Time(r.GetInt32(2)), Time(r.GetInt32(3))), r.NullableString(4), r.NullableString(5), r.NullableString(6),
                r.NullableString(7), r.GetString(8), Date(r, 9), Date(r, 10), Date(r, 11)),
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

    private static DateOnly? Date(DbDataReader r, int column) => r.IsDBNull(column) ? null : StoredTime.ParseDate(r.GetString(column));

    private static int Minutes(TimeOnly time) => (time.Hour * 60) + time.Minute;

    private static TimeOnly Time(int minutes) => minutes >= 1440 ? TimeOnly.MaxValue : new TimeOnly(minutes / 60, minutes % 60);
}
