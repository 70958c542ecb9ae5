using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting.Internal;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("phonesafe-sqlite-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(null, -64 * 1024)]
    [InlineData(8, -8 * 1024)]
    public async Task OpenAsync_SetsDurabilityAndThePageCacheOnEveryConnection(int? cacheMiB, long expectedCacheSize)
    {
        var storage = new StorageOptions { DatabasePath = Path.Combine(_directory, "ledger.db") };
        if (cacheMiB is { } mib)
        {
            storage.SqliteCacheMiB = mib;
        }

        var database = new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(storage), new HostingEnvironment { ContentRootPath = _directory });

        await using DbConnection connection = await database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal(2L, await PragmaAsync(connection, "synchronous"));
        Assert.Equal(expectedCacheSize, await PragmaAsync(connection, "cache_size"));
    }

    private static async Task<object?> PragmaAsync(DbConnection connection, string name)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
