using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Broker;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;
using static PhoneSafe.Gateway.Tests.Support.BrokerClients;

namespace PhoneSafe.Gateway.Tests.Security;

/// <summary>
/// The hostile-client tests against the gateway's embedded broker on its TLS listener (certificates made at first
/// start), plus what only the embedded broker does: the client id must be the account, a per-address connection limit,
/// and no plain listener on the network unless explicitly allowed.
/// </summary>
public sealed class EmbeddedHostileBrokerTests : HostileBrokerTests
{
    [Fact]
    public async Task ClientId_NotTheAccount_IsRefusedEvenWithTheRightPassword()
    {
        await StartBrokerAsync([]);
        (string user, string password) = Account("lk-a");

        Assert.Equal(Outcome.Connected, await TryConnectAsync(Endpoint, user, password, clientId: user));
        Assert.Equal(Outcome.Refused, await TryConnectAsync(Endpoint, user, password, clientId: "lk-a"));
    }

    [Fact]
    public async Task ConnectionsFromOneAddress_BeyondTheLimit_AreRefused()
    {
        await StartBrokerAsync(new Dictionary<string, string> { ["EmbeddedBrokerOptions:MaxConnectionsPerAddress"] = "2" });

        // The gateway's own connection comes from this address too: one more fits, the next does not.
        (string user, string password) = Account("lk-a");
        Track((await ConnectAsync(Endpoint, user, password)).Client);
        (string other, string otherPassword) = Account("lk-b");
        Assert.Equal(Outcome.Refused, await TryConnectAsync(Endpoint, other, otherPassword));
    }

    [Fact]
    public async Task RevokedWhileConnected_ByAnotherProcess_ConnectionIsClosedAndKeyForgotten()
    {
        await StartBrokerAsync(new Dictionary<string, string> { ["IngestOptions:RevocationCheckSeconds"] = "1" });
        (string user, string password) = Account("lk-a");
        (MQTTnet.IMqttClient client, _) = await ConnectAsync(Endpoint, user, password);
        Track(client);
        Assert.True(client.IsConnected);

        // As the revoke-locker command does it, in its own process: this gateway's directory still holds the key.
        Assert.True(await Gateway.Services.GetRequiredService<ILedgerStore>().RevokeLockerAsync(School, "lk-a", TestContext.Current.CancellationToken));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (client.IsConnected && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.False(client.IsConnected, "the revoked locker is still connected");
        Assert.Null(Gateway.Services.GetRequiredService<LockerDirectory>().GetDeviceKey(School, "lk-a"));
        Assert.Equal(Outcome.Refused, await TryConnectAsync(Endpoint, user, password));
    }

    [Fact]
    public async Task PlainListener_OnANetworkAddress_RefusesToStartUnlessAllowed()
    {
        var refused = new GatewayHost(settings: new Dictionary<string, string> { ["MqttOptions:Host"] = "0.0.0.0" });
        InvalidOperationException error = Assert.ThrowsAny<InvalidOperationException>(() => refused.Services);
        Assert.Contains("AllowInsecureNetworkListener", error.ToString(), StringComparison.Ordinal);
        refused.Dispose();

        using var allowed = new GatewayHost(settings: new Dictionary<string, string> { ["MqttOptions:Host"] = "0.0.0.0", ["EmbeddedBrokerOptions:AllowInsecureNetworkListener"] = "true" });
        Assert.NotNull(allowed.Services);
    }

    protected override async Task StartBrokerAsync(Dictionary<string, string> settings)
    {
        int tlsPort = FreePort.Next();
        string certificates = Path.Combine(Folder, "broker");
        settings["EmbeddedBrokerOptions:TlsPort"] = tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["EmbeddedBrokerOptions:HostName"] = Host;
        settings["EmbeddedBrokerOptions:CertificateDirectory"] = certificates;
        settings.TryAdd("EmbeddedBrokerOptions:MaxConnectionsPerAddress", "16");
        Gateway = Track(new GatewayHost(settings: settings));
        await RegisterLockersAsync();
        await Gateway.StartAsync();
        Endpoint = new BrokerEndpoint(Host, tlsPort) { CaCertificatePem = File.ReadAllText(BrokerCertificateFiles.AuthorityPath(certificates)) };
    }
}
