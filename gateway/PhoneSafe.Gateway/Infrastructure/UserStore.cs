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

    // Account lifecycle state, in its own table so databases made before it gain it without altering users: an
    // account without a row has the empty stamp and is enabled.
    private const string AccessSchema = """
        CREATE TABLE IF NOT EXISTS account_access (
            user_id BIGINT NOT NULL PRIMARY KEY,
            security_stamp TEXT NOT NULL,
            disabled_utc TEXT);
        """;

    private const string UserColumns = "u.id, u.user_name, u.display_name, u.role, u.school, u.person_id, a.disabled_utc";

    private const string FromUsers = "FROM users u LEFT JOIN account_access a ON a.user_id = u.id";

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema + AccessSchema, cancellationToken);

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
    /// Adds an account with a fresh security stamp.
    /// </summary>
    /// <param name="user">The account (its Id is ignored).</param>
    /// <param name="passwordHash">The hash from the password hasher.</param>
    /// <param name="onlyIfFirst">true to add it only while there are no accounts at all (first run), in the same statement.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>false when the user name is taken (or, with <paramref name="onlyIfFirst"/>, an account exists).</returns>
    public async Task<bool> CreateAsync(GatewayUser user, string passwordHash, bool onlyIfFirst, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExcludeOtherAccountChangesAsync(connection, transaction, cancellationToken);
        await using DbCommand command = connection.Command(
            """
            INSERT INTO users (user_name, display_name, role, school, person_id, password_hash, created_utc)
            SELECT @name, @display, @role, @school, @person, @hash, @now
            WHERE @first = 0 OR NOT EXISTS (SELECT 1 FROM users)
            ON CONFLICT DO NOTHING
            """,
            transaction,
            ("@name", user.UserName),
            ("@display", user.DisplayName),
            ("@role", user.Role),
            ("@school", user.School),
            ("@person", user.PersonId),
            ("@hash", passwordHash),
            ("@first", onlyIfFirst ? 1 : 0),
            ("@now", StoredTime.Format(time.GetUtcNow())));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        // A fresh stamp, so a session of a deleted account whose row id is reused does not match the new account.
        await using DbCommand stamp = connection.Command(
            "INSERT INTO account_access (user_id, security_stamp) SELECT id, @stamp FROM users WHERE user_name = @name",
            transaction,
            ("@stamp", NewStamp()),
            ("@name", user.UserName));
        await stamp.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Finds an account and its sign-in state.
    /// </summary>
    /// <param name="userName">Sign-in name (lower case).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The account, its password hash, failed attempts and lock-out end; null when unknown.</returns>
    public Task<StoredAccount?> FindAsync(string userName, CancellationToken cancellationToken) => FindWhereAsync("u.user_name = @key", userName, cancellationToken);

    /// <summary>
    /// Finds an account by its row identifier (the session check on each request).
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The account and its sign-in state; null when deleted.</returns>
    public Task<StoredAccount?> FindByIdAsync(long userId, CancellationToken cancellationToken) => FindWhereAsync("u.id = @key", userId, cancellationToken);

    /// <summary>
    /// Lists a school's accounts.
    /// </summary>
    /// <param name="school">The school.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Ordered by user name.</returns>
    public async Task<IReadOnlyList<GatewayUser>> ListAsync(string school, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command($"SELECT {UserColumns} {FromUsers} WHERE u.school = @school ORDER BY u.user_name", null, ("@school", school));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<GatewayUser>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(ReadUser(reader));
        }

        return users;
    }

    /// <summary>
    /// Takes one sign-in attempt before the password is checked, in one statement so that parallel guesses are each
    /// counted: the attempt counts as failed until <see cref="RecordSuccessfulSignInAsync"/> clears it, and the
    /// attempt that reaches <paramref name="maxFailed"/> locks the account.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="maxFailed">Attempts in a row that lock the account.</param>
    /// <param name="lockout">How long the lock lasts.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>false when the account is locked now and the password must not be checked.</returns>
    public async Task<bool> TakeSignInAttemptAsync(long userId, int maxFailed, TimeSpan lockout, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            UPDATE users SET
                failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= @max THEN 0 ELSE failed_sign_ins + 1 END,
                locked_until_utc = CASE WHEN failed_sign_ins + 1 >= @max THEN @until ELSE NULL END
            WHERE id = @id AND (locked_until_utc IS NULL OR locked_until_utc <= @now)
            """,
            null,
            ("@max", maxFailed),
            ("@until", StoredTime.Format(now + lockout)),
            ("@now", StoredTime.Format(now)),
            ("@id", userId));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Records a successful sign-in: failed attempts and lock-out are cleared.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task RecordSuccessfulSignInAsync(long userId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            "UPDATE users SET failed_sign_ins = 0, locked_until_utc = NULL, last_sign_in_utc = @now WHERE id = @id",
            null,
            ("@now", StoredTime.Format(time.GetUtcNow())),
            ("@id", userId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Disables or re-enables an account. Either way its sessions end.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="school">The school of the administrator making the change.</param>
    /// <param name="disabled">true to disable.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome; disabling the school's last enabled administrator is refused.</returns>
    public Task<AccountChange> SetDisabledAsync(long userId, string school, bool disabled, CancellationToken cancellationToken) =>
        ChangeAsync(userId, school, removesAdministrator: disabled, "UPDATE account_access SET disabled_utc = @value WHERE user_id = @id", disabled ? StoredTime.Format(time.GetUtcNow()) : null, cancellationToken);

    /// <summary>
    /// Deletes an account. The audit log keeps its user name.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="school">The school of the administrator making the change.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome; deleting the school's last enabled administrator is refused.</returns>
    public Task<AccountChange> DeleteAsync(long userId, string school, CancellationToken cancellationToken) =>
        ChangeAsync(userId, school, removesAdministrator: true, "DELETE FROM account_access WHERE user_id = @id; DELETE FROM users WHERE id = @id", null, cancellationToken);

    /// <summary>
    /// Changes an account's role and linked person. Its sessions end, so the new role applies at the next sign-in.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="school">The school of the administrator making the change.</param>
    /// <param name="role">The new role.</param>
    /// <param name="personId">The staff code for a Staff account, otherwise null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome; taking Admin from the school's last enabled administrator is refused.</returns>
    public Task<AccountChange> ChangeRoleAsync(long userId, string school, string role, string? personId, CancellationToken cancellationToken) =>
        ChangeAsync(
            userId,
            school,
            removesAdministrator: role != UserRoles.Admin,
            "UPDATE users SET role = @value, person_id = @person WHERE id = @id",
            role,
            cancellationToken,
            ("@person", personId));

    /// <summary>
    /// Sets a new password hash and clears the lock-out. The account's sessions end.
    /// </summary>
    /// <param name="userId">The account.</param>
    /// <param name="school">The school of the administrator making the change.</param>
    /// <param name="passwordHash">The hash from the password hasher.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome.</returns>
    public Task<AccountChange> SetPasswordAsync(long userId, string school, string passwordHash, CancellationToken cancellationToken) =>
        ChangeAsync(userId, school, removesAdministrator: false, "UPDATE users SET password_hash = @value, failed_sign_ins = 0, locked_until_utc = NULL WHERE id = @id", passwordHash, cancellationToken);

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
            ("@at", StoredTime.Format(time.GetUtcNow())),
            ("@user", userName),
            ("@action", action),
            ("@detail", detail),
            ("@remote", remote));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the newest audit lines of one school, and lines that belong to no school (sign-in attempts with unknown
    /// user names).
    /// </summary>
    /// <param name="school">The school.</param>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Newest first.</returns>
    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(string school, int limit, CancellationToken cancellationToken) =>
        ReadAuditAsync(
            "WHERE detail = @exact OR detail LIKE @prefix OR detail NOT LIKE 'school=%'",
            limit,
            cancellationToken,
            ("@exact", "school=" + school),
            ("@prefix", "school=" + school + ";%"));

    /// <summary>
    /// Reads the newest audit lines of every school.
    /// </summary>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Newest first.</returns>
    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, CancellationToken cancellationToken) => ReadAuditAsync(string.Empty, limit, cancellationToken);

    private async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string where, int limit, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            $"SELECT id, at_utc, user_name, action, detail, remote FROM audit_log {where} ORDER BY id DESC LIMIT @limit", null, [("@limit", limit), .. parameters]);
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
        reader.IsDBNull(5) ? null : reader.GetString(5),
        !reader.IsDBNull(6));

    // SQLite write transactions already exclude each other; PostgreSQL's default isolation would let two of them each
    // see the other's administrator (or the empty table) and both go ahead.
    private async Task ExcludeOtherAccountChangesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (database.Dialect.Name == SqlDialect.PostgreSql.Name)
        {
            await using DbCommand command = connection.Command("SELECT pg_advisory_xact_lock(5050506)", transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private async Task<StoredAccount?> FindWhereAsync(string condition, object key, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            $"SELECT {UserColumns}, u.password_hash, u.failed_sign_ins, u.locked_until_utc, a.security_stamp {FromUsers} WHERE {condition}", null, ("@key", key));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        DateTimeOffset? locked = reader.IsDBNull(9) ? null : DateTimeOffset.Parse(reader.GetString(9), System.Globalization.CultureInfo.InvariantCulture);
        return new StoredAccount(ReadUser(reader), reader.GetString(7), reader.GetInt32(8), locked, reader.IsDBNull(10) ? string.Empty : reader.GetString(10));
    }

    /// <summary>
    /// Applies one change to an account of the school in a transaction that excludes other account changes, after
    /// checking that the school keeps an enabled administrator, and gives the account a new security stamp.
    /// </summary>
    private async Task<AccountChange> ChangeAsync(long userId, string school, bool removesAdministrator, string sql, object? value, CancellationToken cancellationToken, params (string Name, object? Value)[] extra)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExcludeOtherAccountChangesAsync(connection, transaction, cancellationToken);
        await using (DbCommand stamp = connection.Command(
            """
            INSERT INTO account_access (user_id, security_stamp)
            SELECT id, @stamp FROM users WHERE id = @id AND school = @school
            ON CONFLICT (user_id) DO UPDATE SET security_stamp = excluded.security_stamp
            """,
            transaction,
            ("@id", userId),
            ("@school", school),
            ("@stamp", NewStamp())))
        {
            if (await stamp.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return AccountChange.NotFound;
            }
        }

        if (removesAdministrator)
        {
            await using DbCommand others = connection.Command(
                $"SELECT count(*) {FromUsers} WHERE u.school = @school AND u.role = @admin AND a.disabled_utc IS NULL AND u.id <> @id",
                transaction,
                ("@school", school),
                ("@admin", UserRoles.Admin),
                ("@id", userId));
            await using DbCommand target = connection.Command(
                $"SELECT count(*) {FromUsers} WHERE u.id = @id AND u.role = @admin AND a.disabled_utc IS NULL", transaction, ("@id", userId), ("@admin", UserRoles.Admin));
            bool targetIsEnabledAdministrator = Convert.ToInt64(await target.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
            if (targetIsEnabledAdministrator && Convert.ToInt64(await others.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return AccountChange.LastAdministrator;
            }
        }

        await using DbCommand change = connection.Command(sql, transaction, [("@id", userId), ("@value", value), .. extra]);
        await change.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AccountChange.Done;
    }
}
