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

    public override async Task<IReadOnlyList<byte[]>> DumpAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var tables = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dumps = new List<byte[]>();
        foreach (string table in tables)
        {
            var text = new System.Text.StringBuilder();
            await using var rows = new Npgsql.NpgsqlCommand($"SELECT CAST(t AS TEXT) FROM \"{table}\" t", connection);
            await using var reader = await rows.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                text.AppendLine(reader.GetString(0));
            }

            dumps.Add(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        }

        return dumps;
    }

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
