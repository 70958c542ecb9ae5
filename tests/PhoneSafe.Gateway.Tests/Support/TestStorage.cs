using PhoneSafe.Gateway.Infrastructure.Database;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// A fresh, empty database of one provider for one test; <see cref="Open"/> gives new <see cref="IDatabase"/>
/// objects over it (as a restarted gateway, or a second instance, would have).
/// </summary>
public abstract class TestStorage : IAsyncDisposable
{
    private readonly List<IDatabase> _opened = [];

    /// <summary>Raw SQL that removes the append-only triggers of the events table (to tamper with it in a test).</summary>
    public abstract string DropEventTriggersSql { get; }

    /// <summary>The provider name as configured (StorageOptions:Provider).</summary>
    public abstract string Provider { get; }

    public abstract Task CreateAsync();

    /// <summary>Everything stored, as bytes to search: the SQLite files (WAL included), or every PostgreSQL row as text.</summary>
    public abstract Task<IReadOnlyList<byte[]>> DumpAsync();

    public IDatabase Open()
    {
        IDatabase database = OpenCore();
        _opened.Add(database);
        return database;
    }

    /// <summary>Runs raw SQL on the database, outside the stores.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        IDatabase database = Open();
        await using System.Data.Common.DbConnection connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        await using System.Data.Common.DbCommand command = connection.Command(sql);
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IDisposable database in _opened.OfType<IDisposable>())
        {
            database.Dispose();
        }

        await RemoveAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract IDatabase OpenCore();

    protected abstract Task RemoveAsync();
}
