using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// What the gateway knows about locker units beyond their keys: kind and size (registration), compartments
/// reserved for staff, and the configuration version last published to each. Reads the ledger's lockers and
/// events tables for status and the version each locker reports applying.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock for registration and publication times.</param>
public sealed class LockerRegistryStore(IDatabase database, TimeProvider time) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS locker_units (
            school TEXT NOT NULL,
            locker TEXT NOT NULL,
            kind TEXT NOT NULL,
            compartments INTEGER NOT NULL,
            registered_utc TEXT NOT NULL,
            PRIMARY KEY (school, locker));
        CREATE TABLE IF NOT EXISTS compartment_assignments (
            school TEXT NOT NULL,
            locker TEXT NOT NULL,
            compartment INTEGER NOT NULL,
            person_id TEXT NOT NULL,
            assigned_utc TEXT NOT NULL,
            PRIMARY KEY (school, locker, compartment),
            UNIQUE (school, locker, person_id));
        CREATE TABLE IF NOT EXISTS locker_configs (
            school TEXT NOT NULL,
            locker TEXT NOT NULL,
            version BIGINT NOT NULL,
            content_hash TEXT NOT NULL,
            published_utc TEXT NOT NULL,
            PRIMARY KEY (school, locker));
        """;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Records a locker unit's kind and size unless it is registered already.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="kind">A <see cref="LockerKind"/> word.</param>
    /// <param name="compartments">Number of compartments (1 to 16).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when it was new.</returns>
    public async Task<bool> RegisterAsync(string school, string locker, string kind, int compartments, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            INSERT INTO locker_units (school, locker, kind, compartments, registered_utc) VALUES (@school, @locker, @kind, @compartments, @now)
            ON CONFLICT (school, locker) DO NOTHING
            """,
            null,
            ("@school", school),
            ("@locker", locker),
            ("@kind", kind),
            ("@compartments", compartments),
            ("@now", StoredTime.Format(time.GetUtcNow())));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Tells whether a locker has keys in the ledger (registered here or with provision-locker).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when it has.</returns>
    public async Task<bool> IsProvisionedAsync(string school, string locker, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            "SELECT count(*) FROM lockers WHERE school = @school AND locker = @locker", null, ("@school", school), ("@locker", locker));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Lists a school's registered units.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>(locker, kind, compartments) ordered by locker.</returns>
    public async Task<IReadOnlyList<(string Locker, string Kind, int Compartments)>> ListUnitsAsync(string school, CancellationToken cancellationToken)
    {
        var units = new List<(string, string, int)>();
        await ReadAsync(
            "SELECT locker, kind, compartments FROM locker_units WHERE school = @school ORDER BY locker",
            [("@school", school)],
            r => units.Add((r.GetString(0), r.GetString(1), r.GetInt32(2))),
            cancellationToken);
        return units;
    }

    /// <summary>
    /// Lists the schools that have registered units.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>School identifiers.</returns>
    public async Task<IReadOnlyList<string>> ListSchoolsAsync(CancellationToken cancellationToken)
    {
        var schools = new List<string>();
        await ReadAsync("SELECT DISTINCT school FROM locker_units ORDER BY school", [], r => schools.Add(r.GetString(0)), cancellationToken);
        return schools;
    }

    /// <summary>
    /// Reserves a compartment for a member of staff, moving them from any other compartment of that locker.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="compartment">Compartment number.</param>
    /// <param name="personId">The member of staff.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task AssignAsync(string school, string locker, int compartment, string personId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (DbCommand move = connection.Command(
            "DELETE FROM compartment_assignments WHERE school = @school AND locker = @locker AND (person_id = @person OR compartment = @compartment)",
            transaction,
            ("@school", school),
            ("@locker", locker),
            ("@person", personId),
            ("@compartment", compartment)))
        {
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (DbCommand insert = connection.Command(
            """
            INSERT INTO compartment_assignments (school, locker, compartment, person_id, assigned_utc)
            VALUES (@school, @locker, @compartment, @person, @now)
            """,
            transaction,
            ("@school", school),
            ("@locker", locker),
            ("@compartment", compartment),
            ("@person", personId),
            ("@now", StoredTime.Format(time.GetUtcNow()))))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Clears a compartment's reservation.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="compartment">Compartment number.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when it was reserved.</returns>
    public async Task<bool> ClearAsync(string school, string locker, int compartment, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            "DELETE FROM compartment_assignments WHERE school = @school AND locker = @locker AND compartment = @compartment",
            null,
            ("@school", school),
            ("@locker", locker),
            ("@compartment", compartment));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Lists reserved compartments.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Only this locker, or all of the school when null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Ordered by locker and compartment.</returns>
    public async Task<IReadOnlyList<CompartmentAssignment>> ListAssignmentsAsync(string school, string? locker, CancellationToken cancellationToken)
    {
        var assignments = new List<CompartmentAssignment>();
        await ReadAsync(
            """
            SELECT locker, compartment, person_id, assigned_utc FROM compartment_assignments
            WHERE school = @school AND (CAST(@locker AS TEXT) IS NULL OR locker = @locker)
            ORDER BY locker, compartment
            """,
            [("@school", school), ("@locker", locker)],
            r => assignments.Add(new CompartmentAssignment(r.GetString(0), r.GetInt32(1), r.GetString(2), StoredTime.Parse(r.GetString(3)))),
            cancellationToken);
        return assignments;
    }

    /// <summary>
    /// Gets the configuration last published to a locker.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>(version, content hash), or null before the first publication.</returns>
    public async Task<(long Version, string ContentHash)?> GetPublishedAsync(string school, string locker, CancellationToken cancellationToken)
    {
        (long, string)? published = null;
        await ReadAsync(
            "SELECT version, content_hash FROM locker_configs WHERE school = @school AND locker = @locker",
            [("@school", school), ("@locker", locker)],
            r => published = (r.GetInt64(0), r.GetString(1)),
            cancellationToken);
        return published;
    }

    /// <summary>
    /// Records that a configuration version is published to a locker.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="version">The version.</param>
    /// <param name="contentHash">A hash of its content without the version.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task RecordPublishedAsync(string school, string locker, long version, string contentHash, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            INSERT INTO locker_configs (school, locker, version, content_hash, published_utc) VALUES (@school, @locker, @version, @hash, @now)
            ON CONFLICT (school, locker) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, published_utc = excluded.published_utc
            """,
            null,
            ("@school", school),
            ("@locker", locker),
            ("@version", version),
            ("@hash", contentHash),
            ("@now", StoredTime.Format(time.GetUtcNow())));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Lists a school's lockers (every locker with keys, registered or not) with status, acknowledgement point,
    /// and the configuration versions published and applied.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Only this locker, or all when null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Ordered by locker.</returns>
    public async Task<IReadOnlyList<LockerInfo>> ListLockersAsync(string school, string? locker, CancellationToken cancellationToken)
    {
        var lockers = new List<LockerInfo>();
        await ReadAsync(
            """
            SELECT l.locker, u.kind, u.compartments, l.status, l.status_utc, l.acked_seq, c.version, c.published_utc
            FROM lockers l
            LEFT JOIN locker_units u ON u.school = l.school AND u.locker = l.locker
            LEFT JOIN locker_configs c ON c.school = l.school AND c.locker = l.locker
            WHERE l.school = @school AND (CAST(@locker AS TEXT) IS NULL OR l.locker = @locker)
            ORDER BY l.locker
            """,
            [("@school", school), ("@locker", locker)],
            r => lockers.Add(new LockerInfo(
                school,
                r.GetString(0),
                r.IsDBNull(1) ? null : r.GetString(1),
                r.IsDBNull(2) ? null : r.GetInt32(2),
                !r.IsDBNull(3) && r.GetString(3) == Topics.Online,
                r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : StoredTime.Parse(r.GetString(4)),
                r.GetInt64(5),
                r.IsDBNull(6) ? null : r.GetInt64(6),
                r.IsDBNull(7) ? null : StoredTime.Parse(r.GetString(7)),
                null,
                false,
                null)),
            cancellationToken);

        for (int i = 0; i < lockers.Count; i++)
        {
            lockers[i] = await WithAppliedVersionAsync(lockers[i], cancellationToken);
        }

        return lockers;
    }

    /// <summary>
    /// Reads the "ver" of a config-applied event payload.
    /// </summary>
    /// <param name="payload">The event as stored.</param>
    /// <returns>The version, or null when the event has none.</returns>
    internal static long? ReadConfigVersion(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("ver", out JsonElement ver) && ver.TryGetInt64(out long version) ? version : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<LockerInfo> WithAppliedVersionAsync(LockerInfo locker, CancellationToken cancellationToken)
    {
        (string Payload, DateTimeOffset Received)? latest = null;
        await ReadAsync(
            """
            SELECT payload, received_utc FROM events WHERE school = @school AND locker = @locker AND type = @type
            ORDER BY seq DESC LIMIT 1
            """,
            [("@school", locker.School), ("@locker", locker.Locker), ("@type", EventType.ConfigApplied)],
            r => latest = (r.GetString(0), StoredTime.Parse(r.GetString(1))),
            cancellationToken);
        if (latest is not { } applied)
        {
            return locker;
        }

        long? reported = ReadConfigVersion(applied.Payload);
        if (reported is not null)
        {
            return locker with { AppliedVersion = reported, AppliedUtc = applied.Received };
        }

        // Firmware before "ver" on config-applied: the locker applied what was retained when it reported, which is
        // the version published before the event arrived (if a later one was published since, it is not known).
        bool inferable = locker.PublishedUtc is { } published && published <= applied.Received;
        return locker with { AppliedVersion = inferable ? locker.PublishedVersion : null, AppliedVersionInferred = inferable, AppliedUtc = applied.Received };
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
}
