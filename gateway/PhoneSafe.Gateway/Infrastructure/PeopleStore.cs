using System.Data.Common;
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
            INSERT INTO people (school, person_id, kind, display_name, department, group_name, updated_utc)
            VALUES (@school, @person, @kind, @name, @department, @group, @now)
            ON CONFLICT (school, person_id) DO UPDATE SET kind = excluded.kind, display_name = excluded.display_name,
                department = excluded.department, group_name = excluded.group_name, active = 1, updated_utc = excluded.updated_utc
            """,
            transaction,
            ("@school", person.School),
            ("@person", person.PersonId),
            ("@kind", person.Kind),
            ("@name", person.DisplayName),
            ("@department", person.Department),
            ("@group", person.Group),
            ("@now", LedgerStore.FormatTime(time.GetUtcNow())));
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
            ("@now", LedgerStore.FormatTime(time.GetUtcNow())));
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
            """
            SELECT p.school, p.person_id, p.kind, p.display_name, p.department, p.group_name FROM credentials c
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
        QueryAsync(
            """
            SELECT school, person_id, kind, display_name, department, group_name FROM people
            WHERE school = @school AND active = 1 AND (CAST(@kind AS TEXT) IS NULL OR kind = @kind)
            ORDER BY display_name, person_id
            """,
            [("@school", school), ("@kind", kind)],
            cancellationToken);

    private async Task<IReadOnlyList<Person>> QueryAsync(string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(sql, null, parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var people = new List<Person>();
        while (await reader.ReadAsync(cancellationToken))
        {
            people.Add(new Person(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return people;
    }
}
