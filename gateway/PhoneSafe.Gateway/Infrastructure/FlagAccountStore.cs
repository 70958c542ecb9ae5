using System.Data.Common;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Staff members' own accounts of the flags about them: one per flag, rewritten until the flag is resolved.
/// </summary>
/// <param name="database">The database.</param>
public sealed class FlagAccountStore(IDatabase database) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS flag_accounts (
            flag_id BIGINT PRIMARY KEY,
            school TEXT NOT NULL,
            person_id TEXT NOT NULL,
            text TEXT NOT NULL,
            written_by TEXT NOT NULL,
            written_utc TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_flag_accounts_school_person ON flag_accounts (school, person_id);
        """;

    private const string Columns = "flag_id, school, person_id, text, written_by, written_utc";

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Writes (or rewrites) the account of a flag.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task SaveAsync(FlagAccount account, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand upsert = connection.Command(
            $"""
            INSERT INTO flag_accounts ({Columns}) VALUES (@flag, @school, @person, @text, @by, @at)
            ON CONFLICT (flag_id) DO UPDATE SET text = excluded.text, written_by = excluded.written_by, written_utc = excluded.written_utc
            """,
            null,
            ("@flag", account.FlagId),
            ("@school", account.School),
            ("@person", account.PersonId),
            ("@text", account.Text),
            ("@by", account.WrittenBy),
            ("@at", StoredTime.Format(account.WrittenUtc)));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the account of one flag.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="flagId">The flag.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The account, or null.</returns>
    public async Task<FlagAccount?> GetAsync(string school, long flagId, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {Columns} FROM flag_accounts WHERE school = @school AND flag_id = @flag", [("@school", school), ("@flag", flagId)], Read, cancellationToken))
        .FirstOrDefault();

    /// <summary>
    /// Lists a person's accounts.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The member of staff.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The accounts.</returns>
    public Task<List<FlagAccount>> ListOfAsync(string school, string personId, CancellationToken cancellationToken) =>
        database.QueryAsync($"SELECT {Columns} FROM flag_accounts WHERE school = @school AND person_id = @person", [("@school", school), ("@person", personId)], Read, cancellationToken);

    private static FlagAccount Read(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), StoredTime.Parse(r.GetString(5)));
}
