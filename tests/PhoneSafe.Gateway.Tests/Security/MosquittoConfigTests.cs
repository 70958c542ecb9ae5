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

namespace PhoneSafe.Gateway.Tests.Security;

/// <summary>
/// The broker set-up written by <c>mosquitto-config</c>, run by a real Mosquitto 2.0 (Debian) on free loopback
/// ports: the gateway and lockers work through it over TLS with their own accounts, and what it must refuse it refuses.
/// </summary>
public sealed class MosquittoConfigTests : IDisposable
{
    private const string School = "secure-school";
    private const string Host = "localhost";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(15);
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

        var endpoint = new BrokerEndpoint(Host, port) { CaCertificatePem = CaPem, Authenticate = true };
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
    public async Task Broker_RefusesAnonymousWrongPasswordRevokedLockerUntrustedCaAndWrongHost()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] lostKey = RandomNumberGenerator.GetBytes(32);
        int port = StartBroker([new BrokerLocker(School, "lk-a", key), new BrokerLocker(School, "lk-lost", lostKey)], revoke: [BrokerAccount.UserName(School, "lk-lost")]);
        string user = BrokerAccount.UserName(School, "lk-a");
        string password = BrokerAccount.Password(key);
        var trusted = new BrokerEndpoint(Host, port) { CaCertificatePem = CaPem };

        // The control: the right account over the right TLS gets in, so each refusal below is about its one difference.
        Assert.Equal(Outcome.Connected, await TryConnectAsync(trusted, user, password));

        Assert.Equal(Outcome.Refused, await TryConnectAsync(trusted, null, null));
        Assert.Equal(Outcome.Refused, await TryConnectAsync(trusted, user, BrokerAccount.Password(RandomNumberGenerator.GetBytes(32))));
        Assert.Equal(Outcome.Refused, await TryConnectAsync(trusted, "secure-school.lk-unknown", password));
        Assert.Equal(Outcome.Refused, await TryConnectAsync(trusted, BrokerAccount.UserName(School, "lk-lost"), BrokerAccount.Password(lostKey)));

        // A client that does not trust the broker never gets as far as MQTT (so never sends its password).
        using (var otherAuthority = BrokerCertificates.CreateAuthority("Somebody else's CA", DateTimeOffset.UtcNow))
        {
            Assert.Equal(Outcome.TlsFailed, await TryConnectAsync(trusted with { CaCertificatePem = otherAuthority.ExportCertificatePem() }, user, password));
        }

        Assert.Equal(Outcome.TlsFailed, await TryConnectAsync(new BrokerEndpoint(Host, port), user, password, systemTrust: true));
        Assert.Equal(Outcome.TlsFailed, await TryConnectAsync(trusted with { Host = "127.0.0.2" }, user, password));
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
    public async Task Acl_LockerCannotPublishAsAnotherLockerNorReadAnotherLockersTopics()
    {
        byte[] keyA = RandomNumberGenerator.GetBytes(32);
        byte[] keyB = RandomNumberGenerator.GetBytes(32);
        int port = StartBroker([new BrokerLocker(School, "lk-a", keyA), new BrokerLocker(School, "lk-b", keyB)]);
        var endpoint = new BrokerEndpoint(Host, port) { CaCertificatePem = CaPem };
        string eventsA = Topics.For(School, "lk-a", TopicKind.Events);
        string eventsB = Topics.For(School, "lk-b", TopicKind.Events);

        (IMqttClient gatewayClient, ConcurrentQueue<MqttApplicationMessage> atGateway) = await ConnectAsync(endpoint, MosquittoSetupOptions.GatewayUser, GatewayPassword);
        MqttClientSubscribeResult gatewaySubscription = await SubscribeAsync(gatewayClient, Topics.AllLockers(TopicKind.Events), Topics.AllLockers(TopicKind.Status));
        Assert.All(gatewaySubscription.Items, i => Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, i.ResultCode));
        (IMqttClient lockerA, ConcurrentQueue<MqttApplicationMessage> atA) = await ConnectAsync(endpoint, BrokerAccount.UserName(School, "lk-a"), BrokerAccount.Password(keyA));
        (IMqttClient lockerB, ConcurrentQueue<MqttApplicationMessage> atB) = await ConnectAsync(endpoint, BrokerAccount.UserName(School, "lk-b"), BrokerAccount.Password(keyB));

        // Publishing: A sends a well-formed event on B's topic, then one on its own. The broker handles one client's
        // packets in order, so once A's own event is at the gateway the forged one would have been too.
        MqttClientPublishResult forged = await lockerA.PublishAsync(EventMessage(eventsB, "lk-b", keyA, 77), TestContext.Current.CancellationToken);
        MqttClientPublishResult own = await lockerA.PublishAsync(EventMessage(eventsA, "lk-a", keyA, 1), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
        await WaitForAsync(() => atGateway.Any(m => m.Topic == eventsA), "A's own event reaches the gateway");
        Assert.DoesNotContain(atGateway, m => m.Topic == eventsB);

        // Reading: A asks for B's ack and command (and everything); B asks for its own ack. The gateway sends B an
        // ack and a command, then A an ack: A gets its own, B gets its own, A never sees B's.
        MqttClientSubscribeResult subscriptionA = await SubscribeAsync(lockerA, Topics.For(School, "lk-b", TopicKind.Ack), Topics.For(School, "lk-b", TopicKind.Command), "phonesafe/#", Topics.For(School, "lk-a", TopicKind.Ack));
        await SubscribeAsync(lockerB, Topics.For(School, "lk-b", TopicKind.Ack));
        // Mosquitto 2.0's acl_file does not refuse the SUBSCRIBE itself (every filter is granted); it checks read access
        // on each message it would deliver, which is what matters and what is asserted below.
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, subscriptionA.Items.ElementAt(3).ResultCode);
        await gatewayClient.PublishAsync(AckMessage(School, "lk-b", keyB), TestContext.Current.CancellationToken);
        await gatewayClient.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.For(School, "lk-b", TopicKind.Command)).WithPayload([1]).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), TestContext.Current.CancellationToken);
        await gatewayClient.PublishAsync(AckMessage(School, "lk-a", keyA), TestContext.Current.CancellationToken);
        await WaitForAsync(() => atA.Any(m => m.Topic == Topics.For(School, "lk-a", TopicKind.Ack)), "A's own ack reaches A");
        await WaitForAsync(() => atB.Any(m => m.Topic == Topics.For(School, "lk-b", TopicKind.Ack)), "B's ack reaches B");
        Assert.All(atA, m => Assert.Equal(Topics.For(School, "lk-a", TopicKind.Ack), m.Topic));

        // A locker cannot write what only the gateway writes (a config for itself, an ack for B).
        MqttClientPublishResult selfConfig = await lockerA.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topics.For(School, "lk-a", TopicKind.Config)).WithPayload([1]).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, selfConfig.ReasonCode);
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

    private int StartBroker(IEnumerable<BrokerLocker> lockers, bool withoutAcl = false, int gatewayAccounts = 1, string[]? revoke = null)
    {
        int port = FreePort.Next();
        var options = new MosquittoSetupOptions
        {
            OutputDirectory = _directory, Host = Host, Port = port, InstallDirectory = Path.Combine(_directory, "phonesafe"), GatewayAccounts = gatewayAccounts, Revoke = revoke ?? [],
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

    private static MqttClientOptions Options(BrokerEndpoint endpoint, string? user, string? password, bool systemTrust = false)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Host, endpoint.Port)
            .WithClientId("test-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost(endpoint.Host);
                if (!systemTrust)
                {
                    tls.WithCertificateValidationHandler(e => endpoint.Trusts(e.Certificate, e.SslPolicyErrors));
                }
            });
        if (user is not null)
        {
            builder.WithCredentials(user, password);
        }

        return builder.Build();
    }

    private enum Outcome
    {
        Connected,
        Refused,
        TlsFailed,
    }

    /// <summary>Connects and disconnects: connected, refused by the broker (CONNACK), or failed before MQTT (TLS).</summary>
    private static async Task<Outcome> TryConnectAsync(BrokerEndpoint endpoint, string? user, string? password, bool systemTrust = false)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        try
        {
            MqttClientConnectResult result = await client.ConnectAsync(Options(endpoint, user, password, systemTrust), TestContext.Current.CancellationToken);
            await client.DisconnectAsync(cancellationToken: TestContext.Current.CancellationToken);
            return result.ResultCode == MqttClientConnectResultCode.Success ? Outcome.Connected : Outcome.Refused;
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException ex) when (ex.Message.Contains("NotAuthorized", StringComparison.Ordinal) || ex.Message.Contains("BadUserNameOrPassword", StringComparison.Ordinal))
        {
            return Outcome.Refused;
        }
        catch (MqttCommunicationException ex) when (ex is not MQTTnet.Adapter.MqttConnectingFailedException && ex.InnerException is System.Security.Authentication.AuthenticationException)
        {
            return Outcome.TlsFailed;
        }
    }

    private async Task<(IMqttClient Client, ConcurrentQueue<MqttApplicationMessage> Received)> ConnectAsync(BrokerEndpoint endpoint, string user, string password)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        _disposables.Add(client);
        var received = new ConcurrentQueue<MqttApplicationMessage>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        MqttClientConnectResult result = await client.ConnectAsync(Options(endpoint, user, password), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return (client, received);
    }

    private static Task<MqttClientSubscribeResult> SubscribeAsync(IMqttClient client, params string[] filters)
    {
        MqttClientSubscribeOptionsBuilder builder = new MqttClientFactory().CreateSubscribeOptionsBuilder();
        foreach (string filter in filters)
        {
            builder.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        return client.SubscribeAsync(builder.Build(), TestContext.Current.CancellationToken);
    }

    private static MqttApplicationMessage EventMessage(string topic, string device, byte[] key, uint sequence)
    {
        var locker = new LockerEvent
        {
            Device = device, Boot = 1, Sequence = sequence, TimestampUtc = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc),
            TimeSynchronized = true, Type = EventType.Retrieve, Compartment = 1, Credential = string.Empty, Subject = string.Empty,
        };
        return new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(EventCodec.Encode(locker, key)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
    }

    private static MqttApplicationMessage AckMessage(string school, string locker, byte[] key) =>
        new MqttApplicationMessageBuilder().WithTopic(Topics.For(school, locker, TopicKind.Ack)).WithPayload(AckCodec.Encode(locker, 1, key)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < s_wait, "timed out waiting until " + what);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
