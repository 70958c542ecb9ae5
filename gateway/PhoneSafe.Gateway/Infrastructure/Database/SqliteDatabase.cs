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
    private readonly IOptionsMonitor<StorageOptions>? _monitor;
    private readonly int? _startupMaxPageCount;
    private readonly int _cacheKib;
    private volatile bool _capped;

    /// <summary>
    /// Initializes a new instance of the <see cref="SqliteDatabase"/> class, creating the file's folder when missing.
    /// </summary>
    /// <param name="options">Where the file is.</param>
    /// <param name="environment">Resolves a relative path against the content root.</param>
    /// <param name="monitor">Current settings, read at each open for <see cref="StorageOptions.SqliteMaxPageCount"/> (the startup value when null).</param>
    public SqliteDatabase(IOptions<StorageOptions> options, IHostEnvironment environment, IOptionsMonitor<StorageOptions>? monitor = null)
    {
        _monitor = monitor;
        _startupMaxPageCount = options.Value.SqliteMaxPageCount;
        _cacheKib = Math.Max(1, options.Value.SqliteCacheMiB) * 1024;
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
        await connection.ExecuteAsync(
            FormattableString.Invariant($"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -{_cacheKib};"),
            cancellationToken);

        // Diagnostic cap (a rehearsed full disk). A pooled connection keeps the last value, so once a cap was set it is
        // set (or lifted) at every open.
        int? maxPages = _monitor is null ? _startupMaxPageCount : _monitor.CurrentValue.SqliteMaxPageCount;
        if (maxPages is > 0 || _capped)
        {
            _capped = true;
            await connection.ExecuteAsync(
                FormattableString.Invariant($"PRAGMA max_page_count = {(maxPages is > 0 ? maxPages.Value : int.MaxValue)};"), cancellationToken);
        }

        return connection;
    }
}
