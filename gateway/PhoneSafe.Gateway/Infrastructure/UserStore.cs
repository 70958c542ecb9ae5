using System.Data.Common;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Dashboard accounts (password hashes only) and the audit log.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock.</param>
public sealed class UserStore(IDatabase database, TimeProvider time) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS users (
            id {id},
            user_name TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL,
            school TEXT NOT NULL,
            person_id TEXT,
            password_hash TEXT NOT NULL,
            failed_sign_ins INTEGER NOT NULL DEFAULT 0,
            locked_until_utc TEXT,
            created_utc TEXT NOT NULL,
            last_sign_in_utc TEXT);
        CREATE TABLE IF NOT EXISTS audit_log (
            id {id},
            at_utc TEXT NOT NULL,
            user_name TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            remote TEXT NOT NULL);
        """;

    private const string UserColumns = "id, user_name, display_name, role, school, person_id";

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Counts accounts (0 means first run).
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The number of accounts.</returns>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command("SELECT count(*) FROM users");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Adds an account.
    /// </summary>
    /// <param name="user">The account (its Id is ignored).</param>
    /// <param name="passwordHash">The hash from the password hasher.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>false when the user name is taken.</returns>
    public async Task<bool> CreateAsync(GatewayUser user, string passwordHash, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            INSERT INTO users (user_name, display_name, role, school, person_id, password_hash, created_utc)
            VALUES (@name, @display, @role, @school, @person, @hash, @now) ON CONFLICT DO NOTHING
            """,
            null,
            ("@name", user.UserName),
            ("@display", user.DisplayName),
            ("@role", user.Role),
            ("@school", user.School),
            ("@person", user.PersonId),
            ("@hash", passwordHash),
            ("@now", LedgerStore.FormatTime(time.GetUtcNow())));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Finds an account and its sign-in state.
    /// </summary>
    /// <param name="userName">Sign-in name (lower case).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The account, its password hash, failed attempts and lock-out end; null when unknown.</returns>
    public async Task<(GatewayUser User, string PasswordHash, int FailedSignIns, DateTimeOffset? LockedUntil)?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            $"SELECT {UserColumns}, password_hash, failed_sign_ins, locked_until_utc FROM users WHERE user_name = @name", null, ("@name", userName));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        DateTimeOffset? locked = reader.IsDBNull(8) ? null : DateTimeOffset.Parse(reader.GetString(8), System.Globalization.CultureInfo.InvariantCulture);
        return (ReadUser(reader), reader.GetString(6), reader.GetInt32(7), locked);
    }

    /// <summary>
    /// Lists accounts.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Ordered by user name.</returns>
    public async Task<IReadOnlyList<GatewayUser>> ListAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command($"SELECT {UserColumns} FROM users ORDER BY user_name");
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<GatewayUser>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(ReadUser(reader));
        }

        return users;
    }

    /// <summary>
    /// Records the outcome of a sign-in attempt.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="failedSignIns">Failed attempts in a row (0 after a success).</param>
    /// <param name="lockedUntil">End of the lock-out, or null.</param>
    /// <param name="succeeded">Whether this attempt succeeded.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task RecordSignInAsync(long userId, int failedSignIns, DateTimeOffset? lockedUntil, bool succeeded, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            UPDATE users SET failed_sign_ins = @failed, locked_until_utc = @locked,
                last_sign_in_utc = CASE WHEN @succeeded = 1 THEN @now ELSE last_sign_in_utc END
            WHERE id = @id
            """,
            null,
            ("@failed", failedSignIns),
            ("@locked", lockedUntil is null ? null : LedgerStore.FormatTime(lockedUntil.Value)),
            ("@succeeded", succeeded ? 1 : 0),
            ("@now", LedgerStore.FormatTime(time.GetUtcNow())),
            ("@id", userId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Appends a line to the audit log.
    /// </summary>
    /// <param name="userName">Who.</param>
    /// <param name="action">What.</param>
    /// <param name="detail">Which record.</param>
    /// <param name="remote">Client address.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task AuditAsync(string userName, string action, string detail, string remote, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            "INSERT INTO audit_log (at_utc, user_name, action, detail, remote) VALUES (@at, @user, @action, @detail, @remote)",
            null,
            ("@at", LedgerStore.FormatTime(time.GetUtcNow())),
            ("@user", userName),
            ("@action", action),
            ("@detail", detail),
            ("@remote", remote));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the newest audit lines.
    /// </summary>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Newest first.</returns>
    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            "SELECT id, at_utc, user_name, action, detail, remote FROM audit_log ORDER BY id DESC LIMIT @limit", null, ("@limit", limit));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5)));
        }

        return entries;
    }

    private static GatewayUser ReadUser(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5));
}
