using System.Data.Common;
using System.Globalization;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Pupil phones confiscated in class and taken to the office. Append-only.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock for recording times.</param>
public sealed class ConfiscationStore(IDatabase database, TimeProvider time) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS confiscations (
            id {id},
            school TEXT NOT NULL,
            pupil_id TEXT NOT NULL,
            confiscated_by TEXT NOT NULL,
            confiscated_utc TEXT NOT NULL,
            lesson TEXT,
            room TEXT,
            handed_to TEXT NOT NULL,
            recorded_utc TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_confiscations_school_at ON confiscations (school, confiscated_utc);
        """;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Records a confiscation.
    /// </summary>
    /// <param name="confiscation">The confiscation (its id and recording time are assigned here).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored confiscation.</returns>
    public async Task<Confiscation> AddAsync(Confiscation confiscation, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand insert = connection.Command(
            """
            INSERT INTO confiscations (school, pupil_id, confiscated_by, confiscated_utc, lesson, room, handed_to, recorded_utc)
            VALUES (@school, @pupil, @by, @at, @lesson, @room, @to, @now) RETURNING id
            """,
            null,
            ("@school", confiscation.School),
            ("@pupil", confiscation.PupilId),
            ("@by", confiscation.ConfiscatedBy),
            ("@at", StoredTime.Format(confiscation.ConfiscatedUtc)),
            ("@lesson", confiscation.Lesson),
            ("@room", confiscation.Room),
            ("@to", confiscation.HandedTo),
            ("@now", StoredTime.Format(now)));
        long id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return confiscation with { Id = id, RecordedUtc = now };
    }

    /// <summary>
    /// Lists confiscations since a time.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="pupilId">Only this pupil, or all.</param>
    /// <param name="sinceUtc">Only those at or after this time.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Ordered by time.</returns>
    public Task<List<Confiscation>> ListAsync(string school, string? pupilId, DateTimeOffset sinceUtc, CancellationToken cancellationToken) =>
        database.QueryAsync(
            """
            SELECT id, school, pupil_id, confiscated_by, confiscated_utc, lesson, room, handed_to, recorded_utc FROM confiscations
            WHERE school = @school AND (CAST(@pupil AS TEXT) IS NULL OR pupil_id = @pupil) AND confiscated_utc >= @since ORDER BY confiscated_utc, id
            """,
            [("@school", school), ("@pupil", pupilId), ("@since", StoredTime.Format(sinceUtc))],
            r => new Confiscation(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), StoredTime.Parse(r.GetString(4)), r.NullableString(5), r.NullableString(6),
                r.GetString(7), StoredTime.Parse(r.GetString(8))),
            cancellationToken);
}
