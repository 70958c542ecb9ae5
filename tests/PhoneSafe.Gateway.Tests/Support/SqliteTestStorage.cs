using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting.Internal;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>A SQLite file in a temporary folder.</summary>
public sealed class SqliteTestStorage : TestStorage
{
    private readonly string _directory = Directory.CreateTempSubdirectory("phonesafe-sqlite-").FullName;

    public string DatabasePath => Path.Combine(_directory, "ledger.db");

    public override string DropEventTriggersSql => "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;";

    public override string Provider => "Sqlite";

    public override Task CreateAsync() => Task.CompletedTask;

    public override async Task<IReadOnlyList<byte[]>> DumpAsync()
    {
        SqliteConnection.ClearAllPools();
        var files = new List<byte[]>();
        foreach (string file in Directory.GetFiles(_directory))
        {
            files.Add(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        }

        return files;
    }

    protected override IDatabase OpenCore() =>
        new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = DatabasePath }), new HostingEnvironment { ContentRootPath = _directory });

    protected override Task RemoveAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
