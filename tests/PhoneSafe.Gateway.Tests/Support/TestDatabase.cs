using System.Data.Common;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// A fresh database of one provider (<see cref="TestStorage"/>) with every gateway store's tables, for store-level tests.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(TestStorage storage, TimeProvider time, RetentionOptions retention)
    {
        Storage = storage;
        Database = storage.Open();
        Time = time;
        KeyProtection = new KeyProtection(DataProtection);
        Ledger = new LedgerStore(Database, time, KeyProtection);
        People = new PeopleStore(Database, time);
        Registry = new LockerRegistryStore(Database, time);
        Calendars = new CalendarStore(Database, time);
        Exceptions = new ExceptionStore(Database, time);
        Flags = new FlagStore(Database, time);
        Users = new UserStore(Database, time);
        Signer = new CheckpointSigner(DataProtection, KeyDirectory);
        Retention = new RetentionStore(Database, Microsoft.Extensions.Options.Options.Create(retention), time, Signer);
        Figures = new DailyFiguresStore(Database);
    }

    public TestStorage Storage { get; }

    /// <summary>Gets the key directory (the checkpoint key's file) kept outside the database.</summary>
    public string KeyDirectory { get; } = Directory.CreateTempSubdirectory("phonesafe-keys-").FullName;

    /// <summary>Gets the key ring (in memory, as if kept outside the database).</summary>
    public Microsoft.AspNetCore.DataProtection.IDataProtectionProvider DataProtection { get; } = new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider();

    /// <summary>Gets the key encryption of this database's stores.</summary>
    public KeyProtection KeyProtection { get; }

    /// <summary>Gets the checkpoint signer, with its key in <see cref="KeyDirectory"/>.</summary>
    public CheckpointSigner Signer { get; }

    /// <summary>Gets the ledger verifier, as the gateway runs it.</summary>
    public LedgerVerifier Verifier => new(Database, Signer, Ledger);

    public IDatabase Database { get; }

    public TimeProvider Time { get; }

    public LedgerStore Ledger { get; }

    public PeopleStore People { get; }

    public LockerRegistryStore Registry { get; }

    public CalendarStore Calendars { get; }

    public ExceptionStore Exceptions { get; }

    public FlagStore Flags { get; }

    public UserStore Users { get; }

    public RetentionStore Retention { get; }

    public DailyFiguresStore Figures { get; }

    public static async Task<TestDatabase> CreateAsync(TestStorage storage, TimeProvider? time = null, RetentionOptions? retention = null, int schemaVersion = 0)
    {
        await storage.CreateAsync();
        var database = new TestDatabase(storage, time ?? TimeProvider.System, retention ?? new RetentionOptions());
        await database.Schema.InitializeAsync(schemaVersion == 0 ? SchemaMigrations.Latest : schemaVersion, TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>Gets the schema start-up over every store, as the gateway runs it.</summary>
    public DatabaseSchema Schema => new(
        Database,
        [Ledger, People, Registry, Calendars, Exceptions, Flags, Users, Retention, Figures, new NoticeStore(Database, Time), new ConfiscationStore(Database, Time), new FlagAccountStore(Database)],
        Time,
        Signer,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseSchema>.Instance);

    /// <summary>Runs a query and returns the first column of every row as text.</summary>
    public async Task<List<string>> QueryAsync(string sql)
    {
        await using DbConnection connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        await using DbCommand command = connection.Command(sql);
        await using DbDataReader reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        Ledger.Dispose();
        await Storage.DisposeAsync();
        Directory.Delete(KeyDirectory, recursive: true);
    }
}
