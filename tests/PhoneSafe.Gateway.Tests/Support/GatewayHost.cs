using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// The real gateway (WebApplicationFactory over Program) with a temporary SQLite file and either its embedded
/// broker on a free port or an external broker.
/// </summary>
public sealed class GatewayHost : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("phonesafe-gateway-").FullName;
    private readonly bool _embedded;

    public GatewayHost(int? externalBrokerPort = null)
    {
        _embedded = externalBrokerPort is null;
        BrokerPort = externalBrokerPort ?? FreePort.Next();
    }

    public int BrokerPort { get; }

    public string DatabasePath => Path.Combine(_directory, "ledger.db");

    public ILedgerStore Store => Services.GetRequiredService<ILedgerStore>();

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
        builder.UseSetting("PolicyOptions:EvaluateSeconds", "1");
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
