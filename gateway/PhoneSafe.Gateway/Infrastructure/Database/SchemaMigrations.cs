namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// The database schema's history after version 1, run forward at start-up by <see cref="DatabaseSchema"/>.
/// <para>
/// Version 1 is what each store's <see cref="ISchemaInitializer"/> creates (<c>CREATE TABLE IF NOT EXISTS</c>).
/// Those statements stay as they are: a change to an existing table (a column, an index, a data fix) is a new step at
/// the end of <see cref="Steps"/>, with the next number, and a released step is never edited, so every database,
/// old or new, goes through the same steps. A store's brand-new table may still go in its own schema (it is created
/// where missing); a step is needed only where existing databases must change.
/// </para>
/// </summary>
public static class SchemaMigrations
{
    /// <summary>The steps, in order, numbered from 2 without gaps.</summary>
    public static readonly IReadOnlyList<SchemaMigration> Steps =
    [
        new(2, "lockers.revoked_utc: a revoked locker has no broker account and its messages are refused", "ALTER TABLE lockers ADD COLUMN revoked_utc TEXT"),
        new(3, "ledger_checkpoint_signatures: the checkpoints already stored are signed with the gateway's key", string.Empty, SignsExistingCheckpoints: true),
        new(
            4,
            "timetable_entries: week of a two-week cycle, activity (lesson, form, duty, cover), the date of a cover lesson and effective dates",
            """
            ALTER TABLE timetable_entries ADD COLUMN week TEXT;
            ALTER TABLE timetable_entries ADD COLUMN activity TEXT NOT NULL DEFAULT 'lesson';
            ALTER TABLE timetable_entries ADD COLUMN lesson_date TEXT;
            ALTER TABLE timetable_entries ADD COLUMN valid_from TEXT;
            ALTER TABLE timetable_entries ADD COLUMN valid_to TEXT
            """),
        new(5, "school_calendars.week_a_start: the Monday of a Week A of a two-week timetable", "ALTER TABLE school_calendars ADD COLUMN week_a_start TEXT"),
    ];

    /// <summary>Gets the version a database has after every step.</summary>
    public static int Latest => Steps.Count == 0 ? 1 : Steps[^1].Version;
}
