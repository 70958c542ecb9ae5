using System.Buffers;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Broker;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Runs the MQTTnet broker inside the gateway (the default for a single school), as locked down as the Mosquitto
/// set-up <c>mosquitto-config</c> writes: lockers connect over TLS (certificates from <see cref="BrokerCertificateFiles"/>,
/// created on first start) with their own accounts (<see cref="BrokerAccount"/>; revoked lockers are refused), a
/// locker's client id must be its account, every publish and subscription is checked against <see cref="BrokerAcl"/>,
/// oversized messages close the connection and one address may hold only so many connections. The plain listener
/// serves this machine (the gateway's own connection, with an account made at each start).
/// <para>
/// Lockers' events, status messages and command results are handed to the <see cref="IngestIntake"/> inside the process instead of
/// being routed to the gateway's own subscription: the broker acknowledges a publish after the hand-over, as it would
/// after queuing it for the subscriber. This saves a loopback hop per event and, more importantly, MQTTnet's
/// per-message check of every connected session's subscriptions (with a thousand lockers connected, 17 % of the
/// process's time in a reconnect storm). The intake's per-locker rate limit is the per-account message limit. Other
/// topics (acks, configuration) are routed normally.
/// </para>
/// </summary>
/// <param name="options">The gateway's broker address, port and (embedded) account.</param>
/// <param name="brokerOptions">The listeners and limits.</param>
/// <param name="intake">Where lockers' messages go.</param>
/// <param name="store">The ledger, for lockers' keys (revoked lockers have none).</param>
/// <param name="time">The clock (certificate validity).</param>
/// <param name="logger">Logger.</param>
public sealed class EmbeddedBrokerService(
    IOptions<MqttOptions> options, IOptions<EmbeddedBrokerOptions> brokerOptions, IngestIntake intake, ILedgerStore store, TimeProvider time, ILogger<EmbeddedBrokerService> logger)
    : IHostedService, IDisposable
{
    private static readonly string UplinkPrefix = Topics.Prefix + "/";
    private static readonly string EventsSuffix = "/" + TopicKind.Events;
    private static readonly string StatusSuffix = "/" + TopicKind.Status;
    private static readonly string ResultSuffix = "/" + TopicKind.Result;
    private static readonly string ProgressSuffix = "/" + TopicKind.Progress;

    private MqttServer? _server;
    private X509Certificate2? _certificate;

    /// <summary>
    /// The embedded broker's settings, shared with the ingest benchmark so that it measures this broker as configured.
    /// </summary>
    /// <param name="mqtt">The plain listener's address and port.</param>
    /// <param name="broker">The TLS listener.</param>
    /// <param name="certificate">The TLS listener's certificate with its private key, or null for no TLS listener.</param>
    /// <returns>The server options.</returns>
    public static MqttServerOptions CreateServerOptions(MqttOptions mqtt, EmbeddedBrokerOptions broker, X509Certificate2? certificate)
    {
        MqttServerOptionsBuilder builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(mqtt.Host))
            .WithDefaultEndpointPort(mqtt.Port)
            .WithPersistentSessions();
        if (certificate is not null)
        {
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Parse(broker.TlsAddress))
                .WithEncryptedEndpointPort(broker.TlsPort)
                .WithEncryptionCertificate(certificate)
                .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13);
        }

        if (!OperatingSystem.IsWindows())
        {
            // A restarted gateway binds its ports again while the lockers' old connections linger in TIME_WAIT. (Not on
            // Windows, where the same socket option would let another program bind over a port in use.)
            builder.WithDefaultEndpointReuseAddress();
            if (certificate is not null)
            {
                builder.WithTlsEndpointReuseAddress();
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// Whether a topic is one the gateway subscribes to for lockers' uplink: phonesafe/+/+/events, phonesafe/+/+/status
    /// phonesafe/+/+/result or phonesafe/+/+/progress.
    /// </summary>
    /// <param name="topic">A publish topic (never contains wildcards).</param>
    /// <returns>true for a locker's events, status, result or progress topic.</returns>
    public static bool IsUplink(string topic) =>
        topic.StartsWith(UplinkPrefix, StringComparison.Ordinal)
        && (topic.EndsWith(EventsSuffix, StringComparison.Ordinal) || topic.EndsWith(StatusSuffix, StringComparison.Ordinal) || topic.EndsWith(ResultSuffix, StringComparison.Ordinal)
            || topic.EndsWith(ProgressSuffix, StringComparison.Ordinal))
        && topic.AsSpan().Count('/') == 3;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        MqttOptions mqtt = options.Value;
        if (!mqtt.Embedded)
        {
            return;
        }

        EmbeddedBrokerOptions broker = brokerOptions.Value;
        if (!IPAddress.IsLoopback(IPAddress.Parse(mqtt.Host)))
        {
            if (!broker.AllowInsecureNetworkListener)
            {
                throw new InvalidOperationException(
                    $"MqttOptions:Host is {mqtt.Host}: the embedded broker's plain (unencrypted, port {mqtt.Port}) listener would be open to the network. " +
                    "Lockers use the TLS listener (EmbeddedBrokerOptions:TlsPort); set MqttOptions:Host to 127.0.0.1, or EmbeddedBrokerOptions:AllowInsecureNetworkListener=true to accept the risk.");
            }

            logger.LogWarning(
                "INSECURE: the embedded broker's plain listener {Host}:{Port} is open to the network (EmbeddedBrokerOptions:AllowInsecureNetworkListener): passwords and events cross it unencrypted",
                mqtt.Host, mqtt.Port);
        }

        _certificate = broker.TlsPort == 0 ? null : LoadCertificate(broker);
        _server = new MqttServerFactory().CreateMqttServer(CreateServerOptions(mqtt, broker, _certificate));
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += OnPublishAsync;
        _server.InterceptingSubscriptionAsync += OnSubscriptionAsync;
        await _server.StartAsync();
        logger.LogInformation("Embedded MQTT broker listening on {Host}:{Port} (this machine) and TLS {TlsAddress}:{TlsPort}", mqtt.Host, mqtt.Port, broker.TlsAddress, broker.TlsPort == 0 ? "(none)" : broker.TlsPort);
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _server?.Dispose();
        _certificate?.Dispose();
    }

    /// <summary>
    /// Closes the open connections of lockers that have no key any more (revoked since they connected); their account
    /// is refused from then on.
    /// </summary>
    /// <param name="keys">The registered lockers' keys.</param>
    /// <returns>The accounts whose connection was closed.</returns>
    public async Task<IReadOnlyList<string>> DisconnectRevokedAsync(ILockerKeys keys)
    {
        List<string> closed = [];
        if (_server is null)
        {
            return closed;
        }

        foreach (MqttClientStatus client in await _server.GetClientsAsync())
        {
            if (BrokerIdentity.TryParseLocker(client.Id, out BrokerIdentity locker) && keys.GetDeviceKey(locker.School!, locker.Locker!) is null)
            {
                await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized, ReasonString = "revoked" });
                closed.Add(client.Id);
            }
        }

        return closed;
    }

    private X509Certificate2 LoadCertificate(EmbeddedBrokerOptions broker)
    {
        string root = Path.GetFullPath(broker.CertificateDirectory);
        string host = broker.HostName ?? Dns.GetHostName().ToLowerInvariant();
        DateTimeOffset now = time.GetUtcNow();
        BrokerCertificateFiles.CreateFolders(root);
        (X509Certificate2 authority, bool newAuthority) = BrokerCertificateFiles.LoadOrCreateAuthority(root, replace: false, now);
        using (authority)
        {
            (X509Certificate2 server, bool newServer) = BrokerCertificateFiles.LoadOrCreateServer(root, authority, host, now);
            using (server)
            {
                if (newAuthority || newServer)
                {
                    logger.LogInformation(
                        "Broker certificate for {Host} {What}, valid until {Ends:yyyy-MM-dd}; lockers trust {Authority}",
                        host, newAuthority ? "and a new certificate authority created" : "issued", server.NotAfter, BrokerCertificateFiles.AuthorityPath(root));
                }

                // Through PKCS#12 so that the key is usable by the TLS stack on every platform (not an ephemeral PEM key).
                return X509CertificateLoader.LoadPkcs12(server.Export(X509ContentType.Pkcs12), null);
            }
        }
    }

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        MqttOptions mqtt = options.Value;
        if (e.UserName == mqtt.Username && mqtt.Username is not null)
        {
            e.ReasonCode = SameSecret(e.Password, mqtt.Password) ? MqttConnectReasonCode.Success : MqttConnectReasonCode.BadUserNameOrPassword;
            return;
        }

        if (!BrokerIdentity.TryParseLocker(e.UserName, out BrokerIdentity locker))
        {
            Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, "no such account");
            return;
        }

        byte[]? key = await store.GetLockerKeyAsync(locker.School!, locker.Locker!, e.CancellationToken);
        if (key is null || !SameSecret(e.Password, BrokerAccount.Password(key)))
        {
            Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, key is null ? "not registered or revoked" : "wrong password");
        }
        else if (e.ClientId != e.UserName)
        {
            Refuse(e, MqttConnectReasonCode.ClientIdentifierNotValid, "client id is not the account name");
        }
        else if (await TooManyFromAsync(e.RemoteEndPoint))
        {
            Refuse(e, MqttConnectReasonCode.QuotaExceeded, "too many connections from its address");
        }
    }

    private void Refuse(ValidatingConnectionEventArgs e, MqttConnectReasonCode reason, string why)
    {
        e.ReasonCode = reason;
        logger.LogWarning("Broker refused {UserName} (client id {ClientId}) from {Address}: {Why}", e.UserName ?? "(anonymous)", e.ClientId, e.RemoteEndPoint, why);
    }

    private async Task<bool> TooManyFromAsync(EndPoint? remote)
    {
        int limit = brokerOptions.Value.MaxConnectionsPerAddress;
        if (limit == 0 || remote is not IPEndPoint address)
        {
            return false;
        }

        IList<MqttClientStatus> clients = await _server!.GetClientsAsync();
        return clients.Count(c => c.RemoteEndPoint is IPEndPoint other && other.Address.Equals(address.Address)) >= limit;
    }

    private static bool SameSecret(string? given, string? expected) =>
        given is not null && expected is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private BrokerIdentity? Identify(string? userName) =>
        userName is null ? null
        : userName == options.Value.Username ? BrokerIdentity.Gateway
        : BrokerIdentity.TryParseLocker(userName, out BrokerIdentity locker) ? locker : null;

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        MQTTnet.MqttApplicationMessage message = e.ApplicationMessage;
        if (message.Payload.Length + message.Topic.Length > brokerOptions.Value.MaxMessageBytes)
        {
            e.ProcessPublish = false;
            e.CloseConnection = true;
            logger.LogWarning("Broker disconnected {UserName}: a {Bytes}-byte message on {Topic}", e.UserName, message.Payload.Length, message.Topic);
            return;
        }

        BrokerIdentity? client = Identify(e.UserName);
        if (client is null || !BrokerAcl.MayPublish(client, message.Topic, message.Retain))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            return;
        }

        if (!IsUplink(message.Topic))
        {
            return;
        }

        // Runs in the publishing client's receive loop: while the intake waits on a full queue, this locker's
        // PUBACK (and its next packets) wait too.
        e.ProcessPublish = false;
        await intake.AcceptAsync(message.Topic, message.Payload.ToArray());
    }

    private Task OnSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        BrokerIdentity? client = Identify(e.UserName);
        if (client is null || !BrokerAcl.MaySubscribe(client, e.TopicFilter.Topic))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        }

        return Task.CompletedTask;
    }
}
