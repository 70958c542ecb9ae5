using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Broker;
using PhoneSafe.Gateway.Commands;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;
using static PhoneSafe.Gateway.Tests.Support.BrokerClients;

namespace PhoneSafe.Gateway.Tests.Security;

/// <summary>
/// The broker set-up written by <c>mosquitto-config</c>, run by a real Mosquitto 2.0 (Debian) on free loopback
/// ports: the gateway and lockers work through it over TLS with their own accounts (what it must refuse:
/// <see cref="MosquittoHostileBrokerTests"/>).
/// </summary>
public sealed class MosquittoConfigTests : IDisposable
{
    private const string School = "secure-school";
    private const string Host = "localhost";
    private readonly string _directory = Directory.CreateTempSubdirectory("phonesafe-broker-setup-").FullName;
    private readonly List<IDisposable> _disposables = [];

    private string CaPem => File.ReadAllText(Path.Combine(_directory, "gateway", "ca.crt"));

    private string GatewayPassword => File.ReadAllText(Path.Combine(_directory, "gateway", "phonesafe-gateway.password")).Trim();

    [Fact]
    public async Task GatewayAndLocker_OverTlsWithTheirAccounts_DepositIsStoredAndJournalEmpties_AndARerunChangesNothing()
    {
        int port = FreePort.Next();
        using var gateway = new GatewayHost(port, settings: new Dictionary<string, string>
        {
            ["MqttOptions:Host"] = Host,
            ["MqttOptions:UseTls"] = "true",
            ["MqttOptions:CaCertificatePath"] = Path.Combine(_directory, "gateway", "ca.crt"),
            ["MqttOptions:Username"] = MosquittoSetupOptions.GatewayUser,
            ["MqttOptions:PasswordFile"] = Path.Combine(_directory, "gateway", "phonesafe-gateway.password"),
        });

        // As the technician does it: register the lockers, run the command, start the broker with its files.
        await gateway.ProvisionAsync(School, "lk-tls");
        await gateway.ProvisionAsync(School, "lk-other");
        string[] verb = ["mosquitto-config", "--out", _directory, "--host", Host, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--install-dir", Path.Combine(_directory, "phonesafe")];
        Assert.Equal(GatewayCommand.Success, await GatewayCommands.RunAsync(gateway.Services, verb));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(_directory, "phonesafe", "passwd")).Length);
        using MosquittoBroker broker = MosquittoBroker.StartWithConfiguration(Path.Combine(_directory, "conf.d"), port);
        await gateway.StartAsync();

        var endpoint = new BrokerEndpoint(Host, port) { CaCertificatePem = CaPem };
        using LockerRig rig = await LockerRig.StartAsync(gateway, endpoint, School, "lk-tls");
        int compartment = 0;
        rig.Fleet.Act(() => compartment = rig.Locker.UseLocker(LockerRig.StaffCard));
        Assert.NotEqual(0, compartment);
        rig.RunUntilAcknowledged();

        CustodyItem item = Assert.Single(await gateway.GetCustodyAsync(School));
        Assert.Equal("lk-tls", item.Locker);
        Assert.Equal(compartment, item.Compartment);
        Assert.Equal(0, rig.Locker.Controller.Journal.PendingCount);
        Assert.Contains("u'secure-school.lk-tls'", broker.Log, StringComparison.Ordinal);

        // Rerunning the command keeps every password hash and certificate: nothing to reinstall, nobody locked out.
        string[] files = ["phonesafe/passwd", "phonesafe/acl", "phonesafe/server.crt", "phonesafe/server.key", "phonesafe/ca.crt"];
        Dictionary<string, string> before = files.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(_directory, f)));
        Assert.Equal(GatewayCommand.Success, await GatewayCommands.RunAsync(gateway.Services, verb));
        Assert.All(files, f => Assert.Equal(before[f], File.ReadAllText(Path.Combine(_directory, f))));
    }

    [Fact]
    public async Task GatewayConnection_TrustsOnlyItsCaAndTheHostName()
    {
        int port = StartBroker([]);
        string otherCa = Path.Combine(_directory, "other-ca.crt");
        using (var otherAuthority = BrokerCertificates.CreateAuthority("Somebody else's CA", DateTimeOffset.UtcNow))
        {
            File.WriteAllText(otherCa, otherAuthority.ExportCertificatePem());
        }

        var options = new PhoneSafe.Gateway.Options.MqttOptions
        {
            Host = Host, Port = port, UseTls = true, ClientId = "gateway-test", Username = MosquittoSetupOptions.GatewayUser,
            PasswordFile = Path.Combine(_directory, "gateway", "phonesafe-gateway.password"), CaCertificatePath = Path.Combine(_directory, "gateway", "ca.crt"),
        };

        using (MqttConnectionFor(options, out PhoneSafe.Gateway.Infrastructure.MqttConnection control))
        {
            await control.ConnectAsync(TestContext.Current.CancellationToken);
            Assert.True(control.IsConnected);

            // The gateway account may acknowledge a locker but not speak for one: the broker's refusal is an error.
            await control.PublishAsync(Topics.For(School, "L1", TopicKind.Ack), [1], false, TestContext.Current.CancellationToken);
            InvalidOperationException refusedPublish = await Assert.ThrowsAsync<InvalidOperationException>(
                () => control.PublishAsync(Topics.For(School, "L1", TopicKind.Events), [1], false, TestContext.Current.CancellationToken));
            Assert.Contains("NotAuthorized", refusedPublish.Message, StringComparison.Ordinal);
            await control.DisconnectAsync(TestContext.Current.CancellationToken);
        }

        foreach (PhoneSafe.Gateway.Options.MqttOptions refused in new[]
        {
            Clone(options, o => o.CaCertificatePath = otherCa),
            Clone(options, o => o.Host = "127.0.0.2"),
            Clone(options, o => o.CaCertificatePath = null),
        })
        {
            using (MqttConnectionFor(refused, out PhoneSafe.Gateway.Infrastructure.MqttConnection connection))
            {
                await Assert.ThrowsAnyAsync<MqttCommunicationException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));
                Assert.False(connection.IsConnected);
            }
        }

        using (MqttConnectionFor(Clone(options, o => o.UseTls = false), out PhoneSafe.Gateway.Infrastructure.MqttConnection plain))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => plain.ConnectAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task SharedSubscription_TwoGatewayAccounts_EachLockerEventReachesExactlyOneInstance()
    {
        byte[] keyA = RandomNumberGenerator.GetBytes(32);
        int port = StartBroker([new BrokerLocker(School, "lk-a", keyA)], gatewayAccounts: 2);
        var endpoint = new BrokerEndpoint(Host, port) { CaCertificatePem = CaPem };
        string shared = PhoneSafe.Gateway.Infrastructure.MqttConnection.EventsFilter("phonesafe");
        string secondPassword = File.ReadAllText(Path.Combine(_directory, "gateway", "phonesafe-gateway-2.password")).Trim();

        (IMqttClient first, ConcurrentQueue<MqttApplicationMessage> atFirst) = await ConnectAsync(endpoint, MosquittoSetupOptions.GatewayUser, GatewayPassword);
        (IMqttClient second, ConcurrentQueue<MqttApplicationMessage> atSecond) = await ConnectAsync(endpoint, MosquittoSetupOptions.GatewayUser + "-2", secondPassword);
        await SubscribeAsync(first, shared);
        await SubscribeAsync(second, shared);
        (IMqttClient lockerA, _) = await ConnectAsync(endpoint, BrokerAccount.UserName(School, "lk-a"), BrokerAccount.Password(keyA));
        for (uint sequence = 1; sequence <= 10; sequence++)
        {
            await lockerA.PublishAsync(EventMessage(Topics.For(School, "lk-a", TopicKind.Events), "lk-a", keyA, sequence), TestContext.Current.CancellationToken);
        }

        await WaitForAsync(() => atFirst.Count + atSecond.Count >= 10, "ten events reach the group");
        Assert.Equal(10, atFirst.Concat(atSecond).Select(m => m.Payload.ToArray()).Select(Convert.ToHexString).Distinct().Count());
        Assert.True(first.IsConnected && second.IsConnected, "two gateway accounts do not take over each other's session");
    }

    [Fact]
    public async Task WithoutTheAcl_TheSameForgedPublishWouldBeDelivered()
    {
        // The control of the ACL test: the same set-up with the acl_file line removed lets the forgery through and
        // shows A another locker's ack, so the ACL test fails if the generated ACL stops confining lockers.
        byte[] keyA = RandomNumberGenerator.GetBytes(32);
        int port = StartBroker([new BrokerLocker(School, "lk-a", keyA), new BrokerLocker(School, "lk-b", RandomNumberGenerator.GetBytes(32))], withoutAcl: true);
        var endpoint = new BrokerEndpoint(Host, port) { CaCertificatePem = CaPem };
        string eventsB = Topics.For(School, "lk-b", TopicKind.Events);

        (IMqttClient gatewayClient, ConcurrentQueue<MqttApplicationMessage> atGateway) = await ConnectAsync(endpoint, MosquittoSetupOptions.GatewayUser, GatewayPassword);
        await SubscribeAsync(gatewayClient, Topics.AllLockers(TopicKind.Events));
        (IMqttClient lockerA, ConcurrentQueue<MqttApplicationMessage> atA) = await ConnectAsync(endpoint, BrokerAccount.UserName(School, "lk-a"), BrokerAccount.Password(keyA));
        MqttClientPublishResult forged = await lockerA.PublishAsync(EventMessage(eventsB, "lk-b", keyA, 77), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientPublishReasonCode.Success, forged.ReasonCode);
        await WaitForAsync(() => atGateway.Any(m => m.Topic == eventsB), "the forged event reaches the gateway without the ACL");

        await SubscribeAsync(lockerA, Topics.For(School, "lk-b", TopicKind.Ack));
        await gatewayClient.PublishAsync(AckMessage(School, "lk-b", RandomNumberGenerator.GetBytes(32)), TestContext.Current.CancellationToken);
        await WaitForAsync(() => atA.Any(m => m.Topic == Topics.For(School, "lk-b", TopicKind.Ack)), "B's ack reaches A without the ACL");
    }

    public void Dispose()
    {
        for (int i = _disposables.Count - 1; i >= 0; i--)
        {
            _disposables[i].Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static PhoneSafe.Gateway.Options.MqttOptions Clone(PhoneSafe.Gateway.Options.MqttOptions options, Action<PhoneSafe.Gateway.Options.MqttOptions> change)
    {
        var copy = new PhoneSafe.Gateway.Options.MqttOptions
        {
            Host = options.Host, Port = options.Port, UseTls = options.UseTls, ClientId = options.ClientId, Username = options.Username,
            PasswordFile = options.PasswordFile, CaCertificatePath = options.CaCertificatePath,
        };
        change(copy);
        return copy;
    }

    private static PhoneSafe.Gateway.Infrastructure.MqttConnection MqttConnectionFor(PhoneSafe.Gateway.Options.MqttOptions options, out PhoneSafe.Gateway.Infrastructure.MqttConnection connection)
    {
        connection = new PhoneSafe.Gateway.Infrastructure.MqttConnection(
            Microsoft.Extensions.Options.Options.Create(options),
            new PhoneSafe.Gateway.Ingest.IngestIntake(
                new PhoneSafe.Gateway.Ingest.IngestQueue(Microsoft.Extensions.Options.Options.Create(new PhoneSafe.Gateway.Options.IngestOptions())), new PhoneSafe.Gateway.Ingest.IngestCounters(),
                new PhoneSafe.Gateway.Ingest.IngestRateLimiter(new TestKeys(), Microsoft.Extensions.Options.Options.Create(new PhoneSafe.Gateway.Options.IngestOptions()), TimeProvider.System),
                TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<PhoneSafe.Gateway.Ingest.IngestIntake>.Instance));
        return connection;
    }

    private int StartBroker(IEnumerable<BrokerLocker> lockers, bool withoutAcl = false, int gatewayAccounts = 1)
    {
        int port = FreePort.Next();
        var options = new MosquittoSetupOptions
        {
            OutputDirectory = _directory, Host = Host, Port = port, InstallDirectory = Path.Combine(_directory, "phonesafe"), GatewayAccounts = gatewayAccounts,
        };
        MosquittoSetup.Write(options, lockers, TimeProvider.System);
        if (withoutAcl)
        {
            string conf = Path.Combine(_directory, "conf.d", "phonesafe.conf");
            File.WriteAllLines(conf, File.ReadAllLines(conf).Where(l => !l.StartsWith("acl_file ", StringComparison.Ordinal)));
        }

        _disposables.Add(MosquittoBroker.StartWithConfiguration(Path.Combine(_directory, "conf.d"), port));
        return port;
    }

    private async Task<(IMqttClient Client, ConcurrentQueue<MqttApplicationMessage> Received)> ConnectAsync(BrokerEndpoint endpoint, string user, string password)
    {
        (IMqttClient client, ConcurrentQueue<MqttApplicationMessage> received) = await BrokerClients.ConnectAsync(endpoint, user, password);
        _disposables.Add(client);
        return (client, received);
    }
}
