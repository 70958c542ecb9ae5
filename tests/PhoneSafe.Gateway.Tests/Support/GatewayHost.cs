using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// The real gateway (WebApplicationFactory over Program) with a temporary SQLite file (or a given PostgreSQL
/// database) and either its embedded broker on a free port or an external broker, optionally as one instance of a
/// shared-subscription group.
/// </summary>
public sealed class GatewayHost : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("phonesafe-gateway-").FullName;
    private readonly bool _embedded;
    private readonly string? _postgreSql;
    private readonly string? _sharedGroup;

    public GatewayHost(int? externalBrokerPort = null, string? postgreSqlConnectionString = null, string? sharedSubscriptionGroup = null)
    {
        _embedded = externalBrokerPort is null;
        BrokerPort = externalBrokerPort ?? FreePort.Next();
        _postgreSql = postgreSqlConnectionString;
        _sharedGroup = sharedSubscriptionGroup;
    }

    public int BrokerPort { get; }

    public string DatabasePath => Path.Combine(_directory, "ledger.db");

    public ILedgerStore Store => Services.GetRequiredService<ILedgerStore>();

    public IngestCounters Counters => Services.GetRequiredService<IngestCounters>();

    public async Task<LedgerVerification> VerifyLedgerAsync() =>
        (await CreateClient().GetFromJsonAsync<LedgerVerification>("/api/ledger/verify", TestContext.Current.CancellationToken))!;

    /// <summary>Starts the gateway and waits until it is connected to the broker.</summary>
    public async Task StartAsync()
    {
        _ = Services;
        var bus = Services.GetRequiredService<ILockerBus>();
        for (int i = 0; i < 200 && !bus.IsConnected; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(bus.IsConnected, "gateway did not connect to the broker");
    }

    /// <summary>Registers a locker and returns the settings to load into it.</summary>
    public async Task<LockerSettings> ProvisionAsync(string school, string locker)
    {
        (byte[] deviceKey, byte[] credentialKey) = await Services.GetRequiredService<LockerDirectory>().ProvisionAsync(school, locker, TestContext.Current.CancellationToken);
        return new LockerSettings { School = school, Device = locker, DeviceKey = deviceKey, CredentialKey = credentialKey };
    }

    public async Task<IReadOnlyList<CustodyItem>> GetCustodyAsync() =>
        (await CreateClient().GetFromJsonAsync<List<CustodyItem>>("/api/custody", TestContext.Current.CancellationToken))!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("MqttOptions:Embedded", _embedded.ToString());
        builder.UseSetting("MqttOptions:Port", BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("MqttOptions:ClientId", "gateway-" + Path.GetFileName(_directory));
        builder.UseSetting("MqttOptions:ReconnectSeconds", "1");
        builder.UseSetting("StorageOptions:DatabasePath", DatabasePath);
        if (_postgreSql is not null)
        {
            builder.UseSetting("StorageOptions:Provider", "PostgreSql");
            builder.UseSetting("StorageOptions:ConnectionString", _postgreSql);
        }

        if (_sharedGroup is not null)
        {
            builder.UseSetting("MqttOptions:SharedSubscriptionGroup", _sharedGroup);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }
}
