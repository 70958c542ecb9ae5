using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Broker;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;
using static PhoneSafe.Gateway.Tests.Support.BrokerClients;

namespace PhoneSafe.Gateway.Tests.Security;

/// <summary>
/// What a hostile device on the school network tries against the lockers' broker, run against each broker the
/// gateway can use (the embedded MQTTnet broker, Mosquitto with the <c>mosquitto-config</c> set-up), both over TLS
/// with the real gateway behind them: lockers lk-a and lk-b are registered, lk-lost was registered and then revoked.
/// </summary>
public abstract class HostileBrokerTests : IAsyncDisposable
{
    protected const string School = "hostile-school";
    protected const string Host = "localhost";
    private readonly List<IDisposable> _disposables = [];

    protected string Folder { get; } = Directory.CreateTempSubdirectory("phonesafe-hostile-").FullName;

    protected GatewayHost Gateway { get; set; } = null!;

    protected BrokerEndpoint Endpoint { get; set; } = null!;

    protected Dictionary<string, LockerSettings> Lockers { get; } = [];

    [Fact]
    public async Task Connect_AnonymousWrongPasswordUnknownRevokedOrUntrusting_IsRefused()
    {
        await StartAsync();
        (string user, string password) = Account("lk-a");

        // The control: the right account over the right TLS gets in, so each refusal below is about its one difference.
        Assert.Equal(Outcome.Connected, await TryConnectAsync(Endpoint, user, password));

        Assert.Equal(Outcome.Refused, await TryConnectAsync(Endpoint, null, null));
        Assert.Equal(Outcome.Refused, await TryConnectAsync(Endpoint, user, BrokerAccount.Password(RandomNumberGenerator.GetBytes(32))));
        Assert.Equal(Outcome.Refused, await TryConnectAsync(Endpoint, BrokerAccount.UserName(School, "lk-unknown"), password));
        (string lostUser, string lostPassword) = Account("lk-lost");
        Assert.Equal(Outcome.Refused, await TryConnectAsync(Endpoint, lostUser, lostPassword));

        // A client that does not trust the broker never gets as far as MQTT (so never sends its password).
        using (X509CertificateAuthority other = new())
        {
            Assert.Equal(Outcome.TlsFailed, await TryConnectAsync(Endpoint with { CaCertificatePem = other.Pem }, user, password));
        }

        Assert.Equal(Outcome.TlsFailed, await TryConnectAsync(Endpoint, user, password, systemTrust: true));
    }

    [Fact]
    public async Task ClientIdTakeover_WithAnotherAccountOrNone_LeavesTheLockerConnected()
    {
        await StartAsync();
        (string user, string password) = Account("lk-a");
        (string otherUser, string otherPassword) = Account("lk-b");
        (IMqttClient victim, _) = await ConnectTrackedAsync(user, password);

        Assert.Equal(Outcome.Refused, await TryConnectAsync(Endpoint, null, null, clientId: user));
        Outcome withOtherAccount = await TryConnectAsync(Endpoint, otherUser, otherPassword, clientId: user);

        // The embedded broker refuses a client id that is not the account; Mosquitto replaces it by the account.
        // Either way the locker's own session was not taken over.
        Assert.Contains(withOtherAccount, new[] { Outcome.Refused, Outcome.Connected });
        await victim.PingAsync(TestContext.Current.CancellationToken);
        Assert.True(victim.IsConnected);
    }

    [Fact]
    public async Task CrossLocker_PublishAndSubscribe_NeverReachTheOtherLocker()
    {
        await StartAsync();
        LockerSettings a = Lockers["lk-a"];
        (IMqttClient lockerA, ConcurrentQueue<MqttApplicationMessage> atA) = await ConnectTrackedAsync(Account("lk-a"));
        (IMqttClient lockerB, ConcurrentQueue<MqttApplicationMessage> atB) = await ConnectTrackedAsync(Account("lk-b"));

        // Publishing: A sends a well-formed event on B's topic, then one on its own. The broker handles one client's
        // packets in order, so once A's own event is stored the forged one would have reached the gateway too.
        MqttClientPublishResult forged = await lockerA.PublishAsync(EventMessage(Topics.For(School, "lk-b", TopicKind.Events), "lk-b", a.DeviceKey, 77), TestContext.Current.CancellationToken);
        MqttClientPublishResult own = await lockerA.PublishAsync(EventMessage(Topics.For(School, "lk-a", TopicKind.Events), "lk-a", a.DeviceKey, 1), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
        await WaitForAsync(() => Gateway.Counters.Snapshot().Stored >= 1, "A's own event is stored");
        IngestStatistics stats = Gateway.Counters.Snapshot();
        Assert.Equal(0, stats.Rejected.Values.Sum());
        Assert.Equal(1, stats.Received);

        // A locker cannot write what only the gateway writes: an ack for B, a command or a firmware update for itself;
        // nor report firmware progress as B.
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await lockerA.PublishAsync(AckMessage(School, "lk-b", a.DeviceKey), TestContext.Current.CancellationToken)).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await lockerA.PublishAsync(Message(Topics.For(School, "lk-a", TopicKind.Command), [1]), TestContext.Current.CancellationToken)).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await lockerA.PublishAsync(Message(Topics.For(School, "lk-a", TopicKind.Update), [1]), TestContext.Current.CancellationToken)).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await lockerA.PublishAsync(Message(Topics.For(School, "lk-b", TopicKind.Progress), [1]), TestContext.Current.CancellationToken)).ReasonCode);

        // Reading: A asks for B's ack, command and update, and for everything; then its own ack. The gateway sends B an
        // ack, a command and an update, then A an ack: B gets its own, A gets its own and never B's. (Mosquitto grants any filter and
        // checks each delivery; the embedded broker refuses the filters themselves.)
        await SubscribeAsync(lockerA, Topics.For(School, "lk-b", TopicKind.Ack), Topics.For(School, "lk-b", TopicKind.Command), Topics.For(School, "lk-b", TopicKind.Update), "phonesafe/#", "#");
        await SubscribeAsync(lockerA, Topics.For(School, "lk-a", TopicKind.Ack));
        await SubscribeAsync(lockerB, Topics.For(School, "lk-b", TopicKind.Ack));
        ILockerBus bus = Gateway.Services.GetRequiredService<ILockerBus>();
        await bus.PublishAsync(Topics.For(School, "lk-b", TopicKind.Ack), AckCodec.Encode("lk-b", 1, Lockers["lk-b"].DeviceKey), false, TestContext.Current.CancellationToken);
        await bus.PublishAsync(Topics.For(School, "lk-b", TopicKind.Command), [1], false, TestContext.Current.CancellationToken);
        await bus.PublishAsync(Topics.For(School, "lk-b", TopicKind.Update), [1], false, TestContext.Current.CancellationToken);
        await bus.PublishAsync(Topics.For(School, "lk-a", TopicKind.Ack), AckCodec.Encode("lk-a", 1, a.DeviceKey), false, TestContext.Current.CancellationToken);
        await WaitForAsync(() => atB.Any(m => m.Topic == Topics.For(School, "lk-b", TopicKind.Ack)), "B's ack reaches B");
        await WaitForAsync(() => atA.Any(m => m.Topic == Topics.For(School, "lk-a", TopicKind.Ack)), "A's own ack reaches A");
        Assert.All(atA, m => Assert.Equal(Topics.For(School, "lk-a", TopicKind.Ack), m.Topic));
    }

    [Fact]
    public async Task RetainedConfig_LockerCannotOverwriteItsOwnOrAnothers()
    {
        await StartAsync();
        (IMqttClient lockerA, _) = await ConnectTrackedAsync(Account("lk-a"));
        byte[] forgedConfig = "{\"v\":1,\"forged\":true}"u8.ToArray();

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await lockerA.PublishAsync(Message(Topics.For(School, "lk-a", TopicKind.Config), forgedConfig, retain: true), TestContext.Current.CancellationToken)).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await lockerA.PublishAsync(Message(Topics.For(School, "lk-b", TopicKind.Config), forgedConfig, retain: true), TestContext.Current.CancellationToken)).ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await lockerA.PublishAsync(Message(Topics.For(School, "lk-b", TopicKind.Status), "offline"u8.ToArray(), retain: true), TestContext.Current.CancellationToken)).ReasonCode);

        // B subscribes afresh; the gateway then retains a config of its own. B gets the gateway's, never A's forgery.
        (IMqttClient lockerB, ConcurrentQueue<MqttApplicationMessage> atB) = await ConnectTrackedAsync(Account("lk-b"));
        await SubscribeAsync(lockerB, Topics.For(School, "lk-b", TopicKind.Config));
        byte[] genuine = ConfigCodec.Encode("lk-b", new LockerConfig { Version = 7 }, Lockers["lk-b"].DeviceKey);
        await Gateway.Services.GetRequiredService<ILockerBus>().PublishAsync(Topics.For(School, "lk-b", TopicKind.Config), genuine, true, TestContext.Current.CancellationToken);
        await WaitForAsync(() => atB.Any(m => HasPayload(m, genuine)), "the gateway's config reaches B");
        Assert.DoesNotContain(atB, m => HasPayload(m, forgedConfig));
    }

    [Fact]
    public async Task OversizedPublish_DisconnectsTheClient_AndNothingReachesTheGateway()
    {
        await StartAsync();
        LockerSettings a = Lockers["lk-a"];
        (IMqttClient lockerA, _) = await ConnectTrackedAsync(Account("lk-a"));

        // The control: an ordinary message on the same topic goes through.
        string events = Topics.For(School, "lk-a", TopicKind.Events);
        Assert.Equal(MqttClientPublishReasonCode.Success, (await lockerA.PublishAsync(EventMessage(events, "lk-a", a.DeviceKey, 1), TestContext.Current.CancellationToken)).ReasonCode);
        await WaitForAsync(() => Gateway.Counters.Snapshot().Received == 1, "the ordinary event reaches the gateway");

        await Assert.ThrowsAnyAsync<Exception>(() => lockerA.PublishAsync(Message(events, new byte[300 * 1024]), TestContext.Current.CancellationToken));
        await WaitForAsync(() => !lockerA.IsConnected, "the broker drops the client");
        Assert.Equal(1, Gateway.Counters.Snapshot().Received);
    }

    [Fact]
    public async Task Flood_OnItsOwnTopic_IsRateLimitedPerAccount_AndOtherLockersAreStillServed()
    {
        await StartAsync(new Dictionary<string, string> { ["IngestOptions:RateLimitBurst"] = "20", ["IngestOptions:RateLimitPerSecond"] = "1" });
        LockerSettings a = Lockers["lk-a"];
        (IMqttClient lockerA, _) = await ConnectTrackedAsync(Account("lk-a"));
        (IMqttClient lockerB, _) = await ConnectTrackedAsync(Account("lk-b"));
        string events = Topics.For(School, "lk-a", TopicKind.Events);

        const int Flood = 300;
        await Task.WhenAll(Enumerable.Range(1, Flood).Select(i => lockerA.PublishAsync(EventMessage(events, "lk-a", a.DeviceKey, (uint)i), TestContext.Current.CancellationToken)));
        await lockerB.PublishAsync(EventMessage(Topics.For(School, "lk-b", TopicKind.Events), "lk-b", Lockers["lk-b"].DeviceKey, 1), TestContext.Current.CancellationToken);

        await WaitForAsync(() => Gateway.Counters.Snapshot().Received >= Flood + 1, "every message reaches the gateway's intake");
        await WaitForAsync(() => Gateway.Store.GetEventSummaryAsync(School, "lk-b", TestContext.Current.CancellationToken).Result.Count == 1, "B's event is stored");
        IngestStatistics stats = Gateway.Counters.Snapshot();
        Assert.InRange(stats.RateLimited[School + "/lk-a"], Flood - 40, Flood);
        Assert.False(stats.RateLimited.ContainsKey(School + "/lk-b"));
        Assert.True(lockerA.IsConnected && lockerB.IsConnected);
    }

    [Fact]
    public async Task SimulatedLocker_OverTlsWithItsAccount_DepositIsStoredAndJournalEmpties()
    {
        await StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(Gateway, Endpoint, School, "lk-a");
        int compartment = 0;
        rig.Fleet.Act(() => compartment = rig.Locker.UseLocker(LockerRig.StaffCard));
        Assert.NotEqual(0, compartment);
        rig.RunUntilAcknowledged();

        CustodyItem item = Assert.Single(await Gateway.GetCustodyAsync(School));
        Assert.Equal(("lk-a", compartment), (item.Locker, item.Compartment));
        Assert.Equal(0, rig.Locker.Controller.Journal.PendingCount);
    }

    public async ValueTask DisposeAsync()
    {
        for (int i = _disposables.Count - 1; i >= 0; i--)
        {
            if (_disposables[i] is IAsyncDisposable asynchronous)
            {
                await asynchronous.DisposeAsync();
            }
            else
            {
                _disposables[i].Dispose();
            }
        }

        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Starts the gateway with the broker under test over TLS on <see cref="Host"/>, sets <see cref="Gateway"/> and
    /// <see cref="Endpoint"/>, and registers the lockers (<see cref="RegisterLockersAsync"/>) before any locker connects.
    /// </summary>
    /// <param name="settings">Gateway configuration for the test (key, value).</param>
    /// <returns>A task.</returns>
    protected abstract Task StartBrokerAsync(Dictionary<string, string> settings);

    /// <summary>Registers lk-a, lk-b and lk-lost, and revokes lk-lost.</summary>
    protected async Task RegisterLockersAsync()
    {
        foreach (string locker in new[] { "lk-a", "lk-b", "lk-lost" })
        {
            Lockers[locker] = await Gateway.ProvisionAsync(School, locker);
        }

        Assert.True(await Gateway.Services.GetRequiredService<LockerDirectory>().RevokeAsync(School, "lk-lost", TestContext.Current.CancellationToken));
    }

    protected T Track<T>(T disposable)
        where T : IDisposable
    {
        _disposables.Add(disposable);
        return disposable;
    }

    protected (string User, string Password) Account(string locker) =>
        (BrokerAccount.UserName(School, locker), BrokerAccount.Password(Lockers[locker].DeviceKey));

    private static bool HasPayload(MqttApplicationMessage message, byte[] payload) => message.Payload.ToArray().AsSpan().SequenceEqual(payload);

    private Task StartAsync(Dictionary<string, string>? settings = null) => StartBrokerAsync(settings ?? []);

    private Task<(IMqttClient Client, ConcurrentQueue<MqttApplicationMessage> Received)> ConnectTrackedAsync((string User, string Password) account) =>
        ConnectTrackedAsync(account.User, account.Password);

    private async Task<(IMqttClient Client, ConcurrentQueue<MqttApplicationMessage> Received)> ConnectTrackedAsync(string user, string password)
    {
        (IMqttClient client, ConcurrentQueue<MqttApplicationMessage> received) = await ConnectAsync(Endpoint, user, password);
        Track(client);
        return (client, received);
    }

    /// <summary>Somebody else's certificate authority.</summary>
    private sealed class X509CertificateAuthority : IDisposable
    {
        private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _authority = BrokerCertificates.CreateAuthority("Somebody else's CA", DateTimeOffset.UtcNow);

        public string Pem => _authority.ExportCertificatePem();

        public void Dispose() => _authority.Dispose();
    }
}
