using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting.Internal;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// A real SQLite file in a temporary folder with every gateway store's tables, for store-level tests.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string directory, TimeProvider time)
    {
        Directory = directory;
        Database = new SqliteDatabase(
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = Path.Combine(directory, "test.db") }),
            new HostingEnvironment { ContentRootPath = directory });
        Ledger = new LedgerStore(Database, time);
        People = new PeopleStore(Database, time);
        Registry = new LockerRegistryStore(Database, time);
    }

    public string Directory { get; }

    public SqliteDatabase Database { get; }

    public LedgerStore Ledger { get; }

    public PeopleStore People { get; }

    public LockerRegistryStore Registry { get; }

    public static async Task<TestDatabase> CreateAsync(TimeProvider? time = null)
    {
        var database = new TestDatabase(System.IO.Directory.CreateTempSubdirectory("phonesafe-test-").FullName, time ?? TimeProvider.System);
        await database.Ledger.InitializeAsync(TestContext.Current.CancellationToken);
        await database.People.InitializeAsync(TestContext.Current.CancellationToken);
        await database.Registry.InitializeAsync(TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>Runs a query and returns the first column of every row as text.</summary>
    public async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = (SqliteConnection)await Database.OpenAsync(TestContext.Current.CancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    public ValueTask DisposeAsync()
    {
        Ledger.Dispose();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
