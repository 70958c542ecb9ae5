using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The gateway's key ring: outside the database, private to the service account, kept across restarts.</summary>
public sealed class KeyProtectionTests
{
    [Fact]
    public async Task KeyRing_IsAPrivateFolderNextToTheDatabase_AndARestartReadsTheKeys()
    {
        string folder = Directory.CreateTempSubdirectory("phonesafe-keys-").FullName;
        try
        {
            string database = Path.Combine(folder, "ledger.db");
            byte[] key;
            using (var first = new GatewayHost(databasePath: database))
            {
                await first.StartAsync();
                key = (await first.ProvisionAsync("key-school", "lk-1")).DeviceKey;
            }

            string keys = Path.Combine(folder, "keys");
            Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
            }

            using var second = new GatewayHost(databasePath: database);
            await second.StartAsync();
            Assert.Equal(key, await second.Services.GetRequiredService<LedgerStore>().GetLockerKeyAsync("key-school", "lk-1", TestContext.Current.CancellationToken));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
