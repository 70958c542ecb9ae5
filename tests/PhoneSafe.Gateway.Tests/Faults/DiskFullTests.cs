using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Faults;

/// <summary>
/// The ledger's disk fills up mid-burst. Rehearsed deterministically, without mount privileges, with the diagnostic
/// <see cref="StorageOptions.SqliteMaxPageCount"/> (SQLite's max_page_count): commits then fail with SQLITE_FULL, as
/// they do on a full disk. The gateway must keep running, acknowledge nothing it has not committed (so the lockers
/// keep their events), say so on /health, leave the ledger intact, and catch up by itself once space is freed.
/// </summary>
public sealed class DiskFullTests
{
    private const string School = "fault-disk";
    private const string CapKey = "StorageOptions:SqliteMaxPageCount";
    private const int HeadroomPages = 4;

    [Fact]
    public async Task DatabaseDiskFull_MidBurst_NothingAcknowledgedHealthUnhealthy_ThenEveryEventOnceWhenFreed()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using MosquittoBroker broker = MosquittoBroker.Start();
        string directory = Directory.CreateTempSubdirectory("phonesafe-disk-").FullName;
        string database = Path.Combine(directory, "ledger.db");
        string clientId = "gateway-" + Path.GetFileName(directory);
        try
        {
            // Set up the school on a fresh file, then run the gateway on it with room for only a few more pages.
            LockerRig rig;
            using (var setup = new GatewayHost(broker.Port, databasePath: database))
            {
                setup.Settings["MqttOptions:ClientId"] = clientId;
                await setup.StartAsync();
                rig = await LockerRig.StartAsync(setup, School, "lk-disk-a", "lk-disk-b", "lk-disk-c");
                rig.RunUntilAcknowledged();
            }

            SqliteConnection.ClearAllPools();
            using (rig)
            using (var gateway = new GatewayHost(broker.Port, databasePath: database))
            {
                gateway.Settings["MqttOptions:ClientId"] = clientId;
                gateway.Settings[CapKey] = (PageCount(database) + HeadroomPages).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await gateway.StartAsync();
                await RunAsync(gateway, rig, ct);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunAsync(GatewayHost gateway, LockerRig rig, CancellationToken ct)
    {
        var configuration = (IConfigurationRoot)gateway.Services.GetRequiredService<IConfiguration>();
        IOptionsMonitor<StorageOptions> storage = gateway.Services.GetRequiredService<IOptionsMonitor<StorageOptions>>();
        using HttpClient http = gateway.CreateClient();
        var bus = gateway.Services.GetRequiredService<ILockerBus>();
        long before = LedgerAssert.Count(gateway.DatabasePath, School);

        using (FleetBurst burst = FleetBurst.Start(rig.Fleet, rounds: 30, pauseMilliseconds: 150))
        {
            JsonElement health = default;
            Assert.True(
                await FaultTestSupport.WaitForAsync(() => (health = Health(http, out HttpStatusCode code)).ValueKind == JsonValueKind.Object && code == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30)),
                "/health did not turn unhealthy while commits fail");
            JsonElement writer = health.GetProperty("checks").GetProperty("ledger-writer");
            Assert.Equal("Unhealthy", writer.GetProperty("status").GetString());
            Assert.Contains("SQLite error 13", writer.GetProperty("description").GetString(), StringComparison.Ordinal); // SQLITE_FULL

            // Some events fitted before the disk filled up.
            long storedWhileFull = LedgerAssert.Count(gateway.DatabasePath, School);
            Assert.True(storedWhileFull > before, "nothing was stored before the disk filled up");

            // While full: nothing more is stored, the lockers keep what was not acknowledged, the gateway is up.
            await burst.WaitForRoundAsync(burst.Round + 6);
            Assert.Equal(storedWhileFull, LedgerAssert.Count(gateway.DatabasePath, School));
            Assert.True(rig.Fleet.Outstanding > 0, "the lockers' journals emptied although nothing could be committed");
            Assert.True(bus.IsConnected);

            // Space is freed (the cap lifted): the same gateway, not restarted, catches up.
            configuration[CapKey] = "0";
            configuration.Reload();
            Assert.Equal(0, storage.CurrentValue.SqliteMaxPageCount);
            burst.Wait(TimeSpan.FromSeconds(40));
        }

        FaultTestSupport.Drain(rig.Fleet);
        Assert.True(
            await FaultTestSupport.WaitForAsync(() => Health(http, out HttpStatusCode code).ValueKind == JsonValueKind.Object && code == HttpStatusCode.OK, TimeSpan.FromSeconds(10)),
            "/health did not recover");
        await FaultTestSupport.AssertRecoveredAsync(gateway, School, rig.Fleet);
        Assert.True(await http.GetStringAsync(new Uri("/health", UriKind.Relative), ct) is { } body && body.Contains("\"ledger-writer\":{\"status\":\"Healthy\"", StringComparison.Ordinal));
    }

    private static long PageCount(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        return (long)command.ExecuteScalar()!;
    }

    private static JsonElement Health(HttpClient http, out HttpStatusCode status)
    {
        using HttpResponseMessage response = http.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        status = response.StatusCode;
        return JsonDocument.Parse(response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult()).RootElement.Clone();
    }
}
