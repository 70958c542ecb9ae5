using System.Data.Common;

namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// Read helpers shared by the policy stores: a query mapped row by row, nullable columns.
/// </summary>
public static class DbQueries
{
    /// <summary>
    /// Runs a query on a new connection and maps every row.
    /// </summary>
    /// <typeparam name="T">Row type.</typeparam>
    /// <param name="database">The database.</param>
    /// <param name="sql">The SQL text with <c>@name</c> parameters.</param>
    /// <param name="parameters">Name/value pairs.</param>
    /// <param name="map">Maps the current row.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The rows.</returns>
    public static async Task<List<T>> QueryAsync<T>(this IDatabase database, string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryAsync(sql, null, parameters, map, cancellationToken);
    }

    /// <summary>
    /// Runs a query on an open connection and maps every row.
    /// </summary>
    /// <typeparam name="T">Row type.</typeparam>
    /// <param name="connection">The open connection.</param>
    /// <param name="sql">The SQL text with <c>@name</c> parameters.</param>
    /// <param name="transaction">The transaction, or null.</param>
    /// <param name="parameters">Name/value pairs.</param>
    /// <param name="map">Maps the current row.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The rows.</returns>
    public static async Task<List<T>> QueryAsync<T>(this DbConnection connection, string sql, DbTransaction? transaction, (string Name, object? Value)[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using DbCommand command = connection.Command(sql, transaction, parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>
    /// Gets a nullable string column.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">Column index.</param>
    /// <returns>The value or null.</returns>
    public static string? NullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>
    /// Gets a nullable 64-bit column.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="ordinal">Column index.</param>
    /// <returns>The value or null.</returns>
    public static long? NullableInt64(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
