using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>A fresh database on the test run's <see cref="PostgreSqlServer"/>.</summary>
public sealed class PostgreSqlTestStorage(PostgreSqlServer server) : TestStorage
{
    public string ConnectionString { get; private set; } = string.Empty;

    public override string DropEventTriggersSql => "DROP TRIGGER events_append_only ON events; DROP TRIGGER events_no_truncate ON events;";

    public override string Provider => "PostgreSql";

    public override async Task CreateAsync() => ConnectionString = await server.CreateDatabaseAsync();

    protected override IDatabase OpenCore() =>
        new PostgreSqlDatabase(Microsoft.Extensions.Options.Options.Create(new StorageOptions { Provider = Provider, ConnectionString = ConnectionString }));

    protected override async Task RemoveAsync()
    {
        if (ConnectionString.Length > 0)
        {
            await server.DropDatabaseAsync(ConnectionString);
        }
    }
}
