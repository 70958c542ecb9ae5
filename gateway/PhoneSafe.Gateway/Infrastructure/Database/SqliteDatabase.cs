using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// One SQLite file in WAL mode. Every connection uses synchronous=FULL, so a committed transaction survives a power
/// cut before the gateway acknowledges it to a locker.
/// </summary>
public sealed class SqliteDatabase : IDatabase
{
    private readonly string _connectionString;

    /// <summary>
    /// Initializes a new instance of the <see cref="SqliteDatabase"/> class, creating the file's folder when missing.
    /// </summary>
    /// <param name="options">Where the file is.</param>
    /// <param name="environment">Resolves a relative path against the content root.</param>
    public SqliteDatabase(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        Location = Path.GetFullPath(options.Value.DatabasePath, environment.ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Location)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Location, Pooling = true }.ToString();
    }

    /// <inheritdoc/>
    public SqlDialect Dialect => SqlDialect.Sqlite;

    /// <inheritdoc/>
    public string Location { get; }

    /// <inheritdoc/>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;", cancellationToken);
        return connection;
    }
}
