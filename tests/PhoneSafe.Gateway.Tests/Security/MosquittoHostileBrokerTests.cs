using System.Globalization;
using PhoneSafe.Gateway.Broker;
using PhoneSafe.Gateway.Commands;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Security;

/// <summary>
/// The hostile-client tests against a real Mosquitto 2.0 (Debian) running the set-up <c>mosquitto-config</c> writes
/// from the ledger's lockers (revoked ones left out), with the gateway connected to it over TLS with its account.
/// </summary>
public sealed class MosquittoHostileBrokerTests : HostileBrokerTests
{
    protected override async Task StartBrokerAsync(Dictionary<string, string> settings)
    {
        int port = FreePort.Next();
        settings["MqttOptions:Host"] = Host;
        settings["MqttOptions:UseTls"] = "true";
        settings["MqttOptions:CaCertificatePath"] = Path.Combine(Folder, "gateway", "ca.crt");
        settings["MqttOptions:Username"] = MosquittoSetupOptions.GatewayUser;
        settings["MqttOptions:PasswordFile"] = Path.Combine(Folder, "gateway", "phonesafe-gateway.password");
        Gateway = Track(new GatewayHost(port, settings: settings));
        await RegisterLockersAsync();
        string[] verb = ["mosquitto-config", "--out", Folder, "--host", Host, "--port", port.ToString(CultureInfo.InvariantCulture), "--install-dir", Path.Combine(Folder, "phonesafe")];
        Assert.Equal(GatewayCommand.Success, await GatewayCommands.RunAsync(Gateway.Services, verb));
        Track(MosquittoBroker.StartWithConfiguration(Path.Combine(Folder, "conf.d"), port));
        await Gateway.StartAsync();
        Endpoint = new BrokerEndpoint(Host, port) { CaCertificatePem = File.ReadAllText(BrokerCertificateFiles.AuthorityPath(Folder)) };
    }
}
