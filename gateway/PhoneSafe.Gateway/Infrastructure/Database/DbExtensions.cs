using System.Data.Common;

namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// Small helpers over ADO.NET so store code reads the same on SQLite and PostgreSQL.
/// </summary>
public static class DbExtensions
{
    /// <summary>
    /// Creates a command with named parameters (<c>@name</c>), in a transaction when given.
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="sql">The SQL text.</param>
    /// <param name="transaction">The transaction, or null.</param>
    /// <param name="parameters">Name/value pairs; null values become DBNull.</param>
    /// <returns>The command; the caller disposes it.</returns>
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach ((string name, object? value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>
    /// Sets the values of a command's parameters in order and runs it.
    /// </summary>
    /// <param name="command">A command made by <see cref="Command"/>.</param>
    /// <param name="values">One value per parameter, in order.</param>
    /// <returns>Rows affected.</returns>
    public static int Run(this DbCommand command, params object?[] values)
    {
        command.Bind(values);
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Sets the values of a command's parameters in order.
    /// </summary>
    /// <param name="command">A command made by <see cref="Command"/>.</param>
    /// <param name="values">One value per parameter, in order.</param>
    public static void Bind(this DbCommand command, params object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    /// <summary>
    /// Runs SQL without results.
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="sql">The SQL text (several statements allowed).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public static async Task ExecuteAsync(this DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using DbCommand command = connection.Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Creates a store's schema in one transaction, after <see cref="SqlDialect.SchemaLock"/>, so gateway instances
    /// starting together on one database do not race each other.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="ddl">The schema script with <see cref="SqlDialect.Render"/> placeholders.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public static async Task CreateSchemaAsync(this IDatabase database, string ddl, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        string script = database.Dialect.SchemaLock + database.Dialect.Render(ddl);
        await using DbCommand command = connection.Command(script, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
