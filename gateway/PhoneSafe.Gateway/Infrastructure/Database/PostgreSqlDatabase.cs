using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// A PostgreSQL database (a trust: many schools, several gateway instances), reached through one pooled
/// <see cref="NpgsqlDataSource"/>. PostgreSQL commits durably by default (fsync, synchronous_commit on), so a
/// committed batch survives a crash before the gateway acknowledges it.
/// </summary>
public sealed class PostgreSqlDatabase : IDatabase, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>
    /// Initializes a new instance of the <see cref="PostgreSqlDatabase"/> class.
    /// </summary>
    /// <param name="options">The connection string (<see cref="StorageOptions.ConnectionString"/>).</param>
    public PostgreSqlDatabase(IOptions<StorageOptions> options)
    {
        string connectionString = options.Value.ConnectionString
            ?? throw new InvalidOperationException("StorageOptions:ConnectionString is required when StorageOptions:Provider is PostgreSql.");
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <inheritdoc/>
    public SqlDialect Dialect => SqlDialect.PostgreSql;

    /// <inheritdoc/>
    public string Location { get; }

    /// <inheritdoc/>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _dataSource.Dispose();
}
