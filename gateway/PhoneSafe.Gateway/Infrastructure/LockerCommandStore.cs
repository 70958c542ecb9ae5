using System.Data.Common;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The commands sent to lockers and their delivery state: sent, then executed or refused when the locker's result
/// arrives, or expired when none arrives in time.
/// </summary>
/// <param name="database">The database.</param>
public sealed class LockerCommandStore(IDatabase database) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS locker_commands (
            id TEXT NOT NULL PRIMARY KEY,
            school TEXT NOT NULL,
            locker TEXT NOT NULL,
            command TEXT NOT NULL,
            compartment INTEGER NOT NULL,
            person_id TEXT,
            reason TEXT,
            issued_by TEXT NOT NULL,
            issued_utc TEXT NOT NULL,
            expires_utc TEXT NOT NULL,
            state TEXT NOT NULL,
            refusal TEXT,
            settled_utc TEXT);
        CREATE INDEX IF NOT EXISTS locker_commands_by_locker ON locker_commands (school, locker, issued_utc);
        CREATE INDEX IF NOT EXISTS locker_commands_open ON locker_commands (state, expires_utc);
        """;

    private const string Columns = "id, school, locker, command, compartment, person_id, reason, issued_by, issued_utc, expires_utc, state, refusal, settled_utc";

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Records a command as sent (before it is published, so a result can never arrive for an unknown command).
    /// </summary>
    /// <param name="command">The command, in state <see cref="CommandStates.Sent"/>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task AddAsync(LockerCommandRecord command, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand insert = connection.Command(
            $"""
            INSERT INTO locker_commands ({Columns})
            VALUES (@id, @school, @locker, @command, @compartment, @person, @reason, @by, @issued, @expires, @state, NULL, NULL)
            """,
            null,
            ("@id", command.Id),
            ("@school", command.School),
            ("@locker", command.Locker),
            ("@command", command.Command),
            ("@compartment", command.Compartment),
            ("@person", command.PersonId),
            ("@reason", command.Reason),
            ("@by", command.IssuedBy),
            ("@issued", StoredTime.Format(command.IssuedUtc)),
            ("@expires", StoredTime.Format(command.ExpiresUtc)),
            ("@state", command.State));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records a locker's result for one of its commands. A result settles a sent command, and also one already marked
    /// expired (it arrived late, but the locker did act on it); a result for another locker's command changes nothing.
    /// </summary>
    /// <param name="school">School of the locker that sent the result.</param>
    /// <param name="locker">That locker.</param>
    /// <param name="result">The result.</param>
    /// <param name="now">The time now.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when a command was settled.</returns>
    public async Task<bool> RecordResultAsync(string school, string locker, CommandResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand update = connection.Command(
            """
            UPDATE locker_commands SET state = @state, refusal = @refusal, settled_utc = @now
            WHERE id = @id AND school = @school AND locker = @locker AND state IN ('sent', 'expired')
            """,
            null,
            ("@state", result.Executed ? CommandStates.Executed : CommandStates.Refused),
            ("@refusal", result.Executed ? null : result.Reason),
            ("@now", StoredTime.Format(now)),
            ("@id", result.Id),
            ("@school", school),
            ("@locker", locker));
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Marks every sent command past its expiry as expired.
    /// </summary>
    /// <param name="now">The time now.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many were marked.</returns>
    public async Task<int> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand update = connection.Command(
            "UPDATE locker_commands SET state = 'expired', settled_utc = @now WHERE state = 'sent' AND expires_utc < @now",
            null,
            ("@now", StoredTime.Format(now)));
        return await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Gets one command.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="id">Command identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The command, or null.</returns>
    public async Task<LockerCommandRecord?> FindAsync(string school, string id, CancellationToken cancellationToken) =>
        (await ListAsync($"SELECT {Columns} FROM locker_commands WHERE school = @school AND id = @id", [("@school", school), ("@id", id)], cancellationToken)).FirstOrDefault();

    /// <summary>
    /// Lists a locker's most recent commands.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="limit">Most rows.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Newest first.</returns>
    public Task<IReadOnlyList<LockerCommandRecord>> ListRecentAsync(string school, string locker, int limit, CancellationToken cancellationToken) =>
        ListAsync(
            $"SELECT {Columns} FROM locker_commands WHERE school = @school AND locker = @locker ORDER BY issued_utc DESC, id LIMIT @limit",
            [("@school", school), ("@locker", locker), ("@limit", limit)],
            cancellationToken);

    private async Task<IReadOnlyList<LockerCommandRecord>> ListAsync(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(sql, null, parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<LockerCommandRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new LockerCommandRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7),
                StoredTime.Parse(reader.GetString(8)),
                StoredTime.Parse(reader.GetString(9)),
                reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : StoredTime.Parse(reader.GetString(12))));
        }

        return rows;
    }

}
