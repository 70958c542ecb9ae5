using System.Data.Common;
using System.Globalization;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Staff and pupils, and the credential hashes (never card UIDs) that identify them at a locker.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock for update times.</param>
public sealed class PeopleStore(IDatabase database, TimeProvider time) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS people (
            school TEXT NOT NULL,
            person_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            display_name TEXT NOT NULL,
            department TEXT,
            group_name TEXT,
            year_group TEXT,
            office INTEGER NOT NULL DEFAULT 0,
            slt INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1,
            updated_utc TEXT NOT NULL,
            PRIMARY KEY (school, person_id));
        CREATE TABLE IF NOT EXISTS credentials (
            school TEXT NOT NULL,
            credential TEXT NOT NULL,
            person_id TEXT NOT NULL,
            enrolled_utc TEXT NOT NULL,
            revoked_utc TEXT,
            PRIMARY KEY (school, credential));
        """;

    private const string PersonColumns = "p.school, p.person_id, p.kind, p.display_name, p.department, p.group_name, p.year_group, p.office, p.slt, p.active";

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Adds a person or updates their details.
    /// </summary>
    /// <param name="person">The person.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when the person was new.</returns>
    public async Task<bool> UpsertAsync(Person person, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using DbCommand exists = connection.Command(
            "SELECT count(*) FROM people WHERE school = @school AND person_id = @person", transaction, ("@school", person.School), ("@person", person.PersonId));
        bool isNew = Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0;
        await using DbCommand upsert = connection.Command(
            """
            INSERT INTO people (school, person_id, kind, display_name, department, group_name, year_group, office, slt, active, updated_utc)
            VALUES (@school, @person, @kind, @name, @department, @group, @year, @office, @slt, @active, @now)
            ON CONFLICT (school, person_id) DO UPDATE SET kind = excluded.kind, display_name = excluded.display_name,
                department = excluded.department, group_name = excluded.group_name, year_group = excluded.year_group,
                office = excluded.office, slt = excluded.slt, active = excluded.active, updated_utc = excluded.updated_utc
            """,
            transaction,
            PersonParameters(person, StoredTime.Format(time.GetUtcNow())));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return isNew;
    }

    /// <summary>
    /// Links a credential hash to a person (replacing any earlier owner of that credential).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="credential">Credential hash (32 hex characters).</param>
    /// <param name="personId">The person.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task LinkCredentialAsync(string school, string credential, string personId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            INSERT INTO credentials (school, credential, person_id, enrolled_utc) VALUES (@school, @credential, @person, @now)
            ON CONFLICT (school, credential) DO UPDATE SET person_id = excluded.person_id, enrolled_utc = excluded.enrolled_utc, revoked_utc = NULL
            """,
            null,
            ("@school", school),
            ("@credential", credential),
            ("@person", personId),
            ("@now", StoredTime.Format(time.GetUtcNow())));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Finds whose credential a hash is.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="credential">Credential hash.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The person, or null when the credential is unknown or revoked.</returns>
    public async Task<Person?> FindByCredentialAsync(string school, string credential, CancellationToken cancellationToken)
    {
        IReadOnlyList<Person> found = await QueryAsync(
            $"""
            SELECT {PersonColumns} FROM credentials c
            JOIN people p ON p.school = c.school AND p.person_id = c.person_id
            WHERE c.school = @school AND c.credential = @credential AND c.revoked_utc IS NULL
            """,
            [("@school", school), ("@credential", credential)],
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>
    /// Lists the active people of a school.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="kind">Only this <see cref="PersonKind"/>, or all when null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Ordered by name.</returns>
    public Task<IReadOnlyList<Person>> ListAsync(string school, string? kind, CancellationToken cancellationToken) =>
        ListAsync(school, kind, includeInactive: false, cancellationToken);

    /// <summary>
    /// Lists the people of a school.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="kind">Only this <see cref="PersonKind"/>, or all when null.</param>
    /// <param name="includeInactive">Whether to include people a full import marked inactive.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Ordered by name.</returns>
    public Task<IReadOnlyList<Person>> ListAsync(string school, string? kind, bool includeInactive, CancellationToken cancellationToken) =>
        QueryAsync(
            $"""
            SELECT {PersonColumns} FROM people p
            WHERE p.school = @school AND (p.active = 1 OR @all = 1) AND (CAST(@kind AS TEXT) IS NULL OR p.kind = @kind)
            ORDER BY p.display_name, p.person_id
            """,
            [("@school", school), ("@all", includeInactive ? 1 : 0), ("@kind", kind)],
            cancellationToken);

    /// <summary>
    /// Finds one person, active or not.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person's identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The person, or null.</returns>
    public async Task<Person?> FindAsync(string school, string personId, CancellationToken cancellationToken)
    {
        IReadOnlyList<Person> found = await QueryAsync(
            $"SELECT {PersonColumns} FROM people p WHERE p.school = @school AND p.person_id = @person",
            [("@school", school), ("@person", personId)],
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>
    /// Writes the outcome of an import in one transaction: new and changed people, and people to mark inactive.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="upserts">People to add or update (all of this school).</param>
    /// <param name="deactivate">Identifiers of people to mark inactive.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task SaveImportAsync(string school, IReadOnlyList<Person> upserts, IReadOnlyList<string> deactivate, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string now = StoredTime.Format(time.GetUtcNow());
        foreach (Person person in upserts)
        {
            await using DbCommand upsert = connection.Command(
                """
                INSERT INTO people (school, person_id, kind, display_name, department, group_name, year_group, office, slt, active, updated_utc)
                VALUES (@school, @person, @kind, @name, @department, @group, @year, @office, @slt, @active, @now)
                ON CONFLICT (school, person_id) DO UPDATE SET kind = excluded.kind, display_name = excluded.display_name,
                    department = excluded.department, group_name = excluded.group_name, year_group = excluded.year_group,
                    office = excluded.office, slt = excluded.slt, active = excluded.active, updated_utc = excluded.updated_utc
                """,
                transaction,
                PersonParameters(person with { School = school }, now));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (string personId in deactivate)
        {
            await using DbCommand inactive = connection.Command(
                "UPDATE people SET active = 0, updated_utc = @now WHERE school = @school AND person_id = @person",
                transaction,
                ("@now", now),
                ("@school", school),
                ("@person", personId));
            await inactive.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Finds a credential, valid or revoked.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="credential">Credential hash.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The credential, or null when never enrolled.</returns>
    public async Task<CredentialInfo?> FindCredentialAsync(string school, string credential, CancellationToken cancellationToken)
    {
        IReadOnlyList<CredentialInfo> found = await QueryCredentialsAsync(
            "SELECT credential, person_id, enrolled_utc, revoked_utc FROM credentials WHERE school = @school AND credential = @credential",
            [("@school", school), ("@credential", credential)],
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>
    /// Lists a person's credentials, valid and revoked.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Oldest enrolment first.</returns>
    public Task<IReadOnlyList<CredentialInfo>> ListCredentialsAsync(string school, string personId, CancellationToken cancellationToken) =>
        QueryCredentialsAsync(
            """
            SELECT credential, person_id, enrolled_utc, revoked_utc FROM credentials
            WHERE school = @school AND person_id = @person ORDER BY enrolled_utc, credential
            """,
            [("@school", school), ("@person", personId)],
            cancellationToken);

    /// <summary>
    /// Revokes one of a person's credentials (kept, with the time, so the ledger's history still names its owner).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <param name="credential">Credential hash.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when a valid credential of that person was revoked.</returns>
    public async Task<bool> RevokeCredentialAsync(string school, string personId, string credential, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            UPDATE credentials SET revoked_utc = @now
            WHERE school = @school AND person_id = @person AND credential = @credential AND revoked_utc IS NULL
            """,
            null,
            ("@now", StoredTime.Format(time.GetUtcNow())),
            ("@school", school),
            ("@person", personId),
            ("@credential", credential));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Lists every valid credential of the school's active people, with its owner: the input of locker configurations.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>(credential hash, owner) ordered by credential.</returns>
    public async Task<IReadOnlyList<(string Credential, Person Person)>> ListActiveCredentialsAsync(string school, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            $"""
            SELECT {PersonColumns}, c.credential FROM credentials c
            JOIN people p ON p.school = c.school AND p.person_id = c.person_id
            WHERE c.school = @school AND c.revoked_utc IS NULL AND p.active = 1
            ORDER BY c.credential
            """,
            null,
            ("@school", school));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, Person)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(10), ReadPerson(reader)));
        }

        return rows;
    }

    /// <summary>
    /// Lists revoked cards (lost, broken, replaced) under which a phone is still in custody (a member of staff's own
    /// deposit, or a pupil's phone taken in at the office), so the owner's valid card can be allowed to open that compartment.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>(locker, owner, revoked credential hash) ordered by locker and compartment.</returns>
    public async Task<IReadOnlyList<(string Locker, string PersonId, string Credential)>> ListReplacedCardsInCustodyAsync(string school, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            SELECT k.locker, c.person_id, c.credential FROM custody k
            JOIN events e ON e.school = k.school AND e.locker = k.locker AND e.seq = k.seq
            JOIN credentials c ON c.school = k.school AND c.credential = CASE WHEN e.subject <> '' THEN e.subject ELSE k.credential END
            WHERE k.school = @school AND c.revoked_utc IS NOT NULL
            ORDER BY k.locker, k.compartment
            """,
            null,
            ("@school", school));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>
    /// Lists cards presented at the school's lockers in enrolment mode (card-presented events) since a time that
    /// are not enrolled now, newest first, one row per card.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="since">Only cards presented from this time (arrival at the gateway).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The pending cards.</returns>
    public async Task<IReadOnlyList<PendingCard>> ListPendingCardsAsync(string school, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            SELECT e.credential, e.locker, e.received_utc FROM events e
            WHERE e.school = @school AND e.type = @type AND e.credential <> '' AND e.received_utc >= @since
              AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.school = e.school AND c.credential = e.credential AND c.revoked_utc IS NULL)
            ORDER BY e.received_utc DESC, e.id DESC
            """,
            null,
            ("@school", school),
            ("@type", Firmware.Core.Protocol.EventType.CardPresented),
            ("@since", StoredTime.Format(since)));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var cards = new List<PendingCard>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (seen.Add(reader.GetString(0)))
            {
                cards.Add(new PendingCard(reader.GetString(0), reader.GetString(1), StoredTime.Parse(reader.GetString(2))));
            }
        }

        return cards;
    }

    private static (string, object?)[] PersonParameters(Person person, string now) =>
    [
        ("@school", person.School),
        ("@person", person.PersonId),
        ("@kind", person.Kind),
        ("@name", person.DisplayName),
        ("@department", person.Department),
        ("@group", person.Group),
        ("@year", person.Year),
        ("@office", person.Office ? 1 : 0),
        ("@slt", person.Slt ? 1 : 0),
        ("@active", person.Active ? 1 : 0),
        ("@now", now),
    ];

    private static Person ReadPerson(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture) != 0,
        Convert.ToInt64(reader.GetValue(8), CultureInfo.InvariantCulture) != 0,
        Convert.ToInt64(reader.GetValue(9), CultureInfo.InvariantCulture) != 0);

    private async Task<IReadOnlyList<Person>> QueryAsync(string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(sql, null, parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var people = new List<Person>();
        while (await reader.ReadAsync(cancellationToken))
        {
            people.Add(ReadPerson(reader));
        }

        return people;
    }

    private async Task<IReadOnlyList<CredentialInfo>> QueryCredentialsAsync(string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(sql, null, parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var credentials = new List<CredentialInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            credentials.Add(new CredentialInfo(
                reader.GetString(0), reader.GetString(1), StoredTime.Parse(reader.GetString(2)), reader.IsDBNull(3) ? null : StoredTime.Parse(reader.GetString(3))));
        }

        return credentials;
    }
}
