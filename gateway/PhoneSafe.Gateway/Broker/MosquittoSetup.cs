using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Gateway.Broker;

/// <summary>
/// Writes a complete Mosquitto 2.0 set-up for the lockers' broker: a TLS listener, no anonymous access, one account
/// per registered locker plus the gateway's, and an ACL that lets a locker publish only its own events and status and
/// read only its own ack, config and command topics. Layout of the output folder:
/// <list type="bullet">
/// <item><c>conf.d/phonesafe.conf</c> — goes to /etc/mosquitto/conf.d/.</item>
/// <item><c>phonesafe/</c> ca.crt, server.crt, server.key, passwd, acl — go to the install folder (default /etc/mosquitto/phonesafe).</item>
/// <item><c>gateway/</c> ca.crt and gateway.password — for the gateway's MqttOptions.</item>
/// <item><c>private/ca.key</c> — the authority's key: keep it with this folder, off the broker.</item>
/// <item><c>revoked</c> — locker accounts left out (lost or stolen lockers), kept across runs.</item>
/// </list>
/// Running it again keeps the authority, the server certificate (unless the host changed or it ends within
/// <see cref="BrokerCertificates.RenewBefore"/>), the gateway password and every password hash that still matches.
/// </summary>
public static class MosquittoSetup
{
    /// <summary>The certificate authority's common name.</summary>
    public const string AuthorityName = "PhoneSafe broker CA";

    /// <summary>
    /// Writes (or refreshes) the set-up.
    /// </summary>
    /// <param name="options">Where and for which broker.</param>
    /// <param name="lockers">Every locker that gets an account.</param>
    /// <param name="time">The clock (certificate validity).</param>
    /// <returns>What was done.</returns>
    public static MosquittoSetupResult Write(MosquittoSetupOptions options, IEnumerable<BrokerLocker> lockers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GatewayAccounts is < 1 or > 32)
        {
            throw new ArgumentException("Between 1 and 32 gateway accounts.", nameof(options));
        }

        if (Uri.CheckHostName(options.Host) is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            throw new ArgumentException($"Not a host name or IP address: {options.Host}", nameof(options));
        }

        if (options.InstallDirectory.Any(char.IsWhiteSpace) || !options.InstallDirectory.StartsWith('/'))
        {
            throw new ArgumentException($"The install folder must be an absolute path without spaces: {options.InstallDirectory}", nameof(options));
        }

        DateTimeOffset now = time.GetUtcNow();
        string root = Path.GetFullPath(options.OutputDirectory);
        foreach (string folder in new[] { "conf.d", "phonesafe", "gateway", "private" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(root, "private"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        (X509Certificate2 authority, bool newAuthority) = LoadOrCreateAuthority(root, options.NewAuthority, now);
        using (authority)
        {
            (DateTimeOffset serverEnds, bool newServer) = LoadOrCreateServer(root, authority, options.Host, newAuthority, now);
            SecretFile.WritePublic(Path.Combine(root, "gateway", "ca.crt"), authority.ExportCertificatePem() + "\n");

            var accounts = new List<(string User, string Password)>();
            var gatewayUsers = new List<string>();
            for (int i = 1; i <= options.GatewayAccounts; i++)
            {
                string user = i == 1 ? MosquittoSetupOptions.GatewayUser : FormattableString.Invariant($"{MosquittoSetupOptions.GatewayUser}-{i}");
                accounts.Add((user, LoadOrCreateGatewayPassword(Path.Combine(root, "gateway", user + ".password"))));
                gatewayUsers.Add(user);
            }

            HashSet<string> revoked = UpdateRevoked(Path.Combine(root, "revoked"), options.Revoke);
            List<BrokerLocker> all = [.. lockers];
            List<BrokerLocker> sorted = [.. all
                .Where(l => !revoked.Contains(BrokerAccount.UserName(l.School, l.Locker)))
                .OrderBy(l => l.School, StringComparer.Ordinal).ThenBy(l => l.Locker, StringComparer.Ordinal)];
            foreach (BrokerLocker locker in sorted)
            {
                if (!Identifiers.IsValid(locker.School) || !Identifiers.IsValid(locker.Locker))
                {
                    throw new ArgumentException($"Not a valid locker identity: {locker.School}/{locker.Locker}", nameof(lockers));
                }

                accounts.Add((BrokerAccount.UserName(locker.School, locker.Locker), BrokerAccount.Password(locker.DeviceKey)));
            }

            int changed = WritePasswordFile(Path.Combine(root, "phonesafe", "passwd"), accounts);
            SecretFile.WritePrivate(Path.Combine(root, "phonesafe", "acl"), AclFile(gatewayUsers, sorted));
            SecretFile.WritePublic(Path.Combine(root, "conf.d", "phonesafe.conf"), ConfigFile(options, now));
            return new MosquittoSetupResult(sorted.Count, changed, gatewayUsers, newAuthority, newServer, serverEnds, all.Count - sorted.Count);
        }
    }

    /// <summary>
    /// The ACL: the gateway reads every locker's events, status and command results and writes every locker's ack,
    /// config and command; each locker writes only its own events, status and results and reads only its own ack,
    /// config and command.
    /// Nothing else is allowed to anyone (Mosquitto denies what the file does not grant).
    /// </summary>
    /// <param name="gatewayUsers">The gateway accounts.</param>
    /// <param name="lockers">The lockers.</param>
    /// <returns>The acl_file content.</returns>
    public static string AclFile(IEnumerable<string> gatewayUsers, IEnumerable<BrokerLocker> lockers)
    {
        var acl = new StringBuilder();
        acl.Append("# PhoneSafe topic ACL, generated by PhoneSafe.Gateway mosquitto-config. Regenerate rather than edit.\n");
        acl.Append("# Anything not granted here is denied; there are no anonymous clients.\n");
        foreach (string user in gatewayUsers)
        {
            acl.Append('\n').Append("user ").Append(user).Append('\n');
            acl.Append("topic read ").Append(Topics.AllLockers(TopicKind.Events)).Append('\n');
            acl.Append("topic read ").Append(Topics.AllLockers(TopicKind.Status)).Append('\n');
            acl.Append("topic read ").Append(Topics.AllLockers(TopicKind.Result)).Append('\n');
            acl.Append("topic write ").Append(Topics.AllLockers(TopicKind.Ack)).Append('\n');
            acl.Append("topic write ").Append(Topics.AllLockers(TopicKind.Config)).Append('\n');
            acl.Append("topic write ").Append(Topics.AllLockers(TopicKind.Command)).Append('\n');
        }

        foreach (BrokerLocker locker in lockers)
        {
            acl.Append('\n').Append("user ").Append(BrokerAccount.UserName(locker.School, locker.Locker)).Append('\n');
            acl.Append("topic write ").Append(Topics.For(locker.School, locker.Locker, TopicKind.Events)).Append('\n');
            acl.Append("topic write ").Append(Topics.For(locker.School, locker.Locker, TopicKind.Status)).Append('\n');
            acl.Append("topic write ").Append(Topics.For(locker.School, locker.Locker, TopicKind.Result)).Append('\n');
            acl.Append("topic read ").Append(Topics.For(locker.School, locker.Locker, TopicKind.Ack)).Append('\n');
            acl.Append("topic read ").Append(Topics.For(locker.School, locker.Locker, TopicKind.Config)).Append('\n');
            acl.Append("topic read ").Append(Topics.For(locker.School, locker.Locker, TopicKind.Command)).Append('\n');
        }

        return acl.ToString();
    }

    /// <summary>
    /// The mosquitto.conf fragment for /etc/mosquitto/conf.d/. It leaves pid_file, persistence_location and log_dest
    /// to Debian's main /etc/mosquitto/mosquitto.conf (Mosquitto refuses a repeated persistence_location).
    /// </summary>
    /// <param name="options">The broker.</param>
    /// <param name="now">When it is generated.</param>
    /// <returns>The configuration text.</returns>
    public static string ConfigFile(MosquittoSetupOptions options, DateTimeOffset now)
    {
        string dir = options.InstallDirectory.TrimEnd('/');
        var conf = new StringBuilder();
        conf.Append(CultureInfo.InvariantCulture, $"""
            # PhoneSafe lockers' broker, generated by PhoneSafe.Gateway mosquitto-config on {now:yyyy-MM-dd} for {options.Host}.
            # Regenerate rather than edit (see docs/deployment.md, "Securing the broker").

            # Every client logs in with an account of the password file; the ACL confines each locker to its own topics.
            per_listener_settings false
            allow_anonymous false
            password_file {dir}/passwd
            acl_file {dir}/acl

            # Ingest load: many lockers publishing small QoS 1 events, one gateway (persistent session) taking them all.
            # The gateway may be away for a restart: its queue holds the events meanwhile (the lockers keep every event
            # in their journal until the gateway acknowledges it, so a queue overflow delays, it never loses).
            max_inflight_messages 100
            max_queued_messages 100000
            max_queued_bytes 268435456
            set_tcp_nodelay true
            # The largest legitimate packet is a locker configuration ({ProtocolVersion.MaxConfigBytes} bytes) plus topic and header.
            max_packet_size 262144
            max_keepalive 300
            persistence true
            autosave_interval 60
            # A gateway session not resumed within a week is dropped (its client id is fixed, so this only frees memory).
            persistent_client_expiration 7d

            # TLS listener for the lockers and the gateway.
            listener {options.Port}
            protocol mqtt
            certfile {dir}/server.crt
            keyfile {dir}/server.key
            cafile {dir}/ca.crt
            tls_version tlsv1.2
            require_certificate false
            # The client id becomes the user name: a locker cannot take over another client's session by reusing its id.
            use_username_as_clientid true

            """);
        if (options.LocalPort is int local)
        {
            conf.Append(CultureInfo.InvariantCulture, $"""

                # Plain listener for clients on this machine only (same accounts and ACL).
                listener {local} 127.0.0.1
                protocol mqtt
                use_username_as_clientid true

                """);
        }

        return conf.ToString();
    }

    private static (X509Certificate2 Authority, bool Created) LoadOrCreateAuthority(string root, bool replace, DateTimeOffset now)
    {
        string certificate = Path.Combine(root, "phonesafe", "ca.crt");
        string key = Path.Combine(root, "private", "ca.key");
        if (!replace && File.Exists(certificate) && File.Exists(key))
        {
            X509Certificate2 existing = X509Certificate2.CreateFromPemFile(certificate, key);
            if (existing.NotAfter.ToUniversalTime() - now.UtcDateTime > BrokerCertificates.ServerLifetime)
            {
                return (existing, false);
            }

            existing.Dispose();
            throw new InvalidOperationException($"The certificate authority in {root} ends on {existing.NotAfter:yyyy-MM-dd}; rerun with --new-ca and load the new ca.crt into every locker.");
        }

        X509Certificate2 authority = BrokerCertificates.CreateAuthority(AuthorityName, now);
        using RSA privateKey = authority.GetRSAPrivateKey()!;
        SecretFile.WritePrivate(key, privateKey.ExportPkcs8PrivateKeyPem() + "\n");
        SecretFile.WritePublic(certificate, authority.ExportCertificatePem() + "\n");
        return (authority, true);
    }

    private static (DateTimeOffset Ends, bool Created) LoadOrCreateServer(string root, X509Certificate2 authority, string host, bool newAuthority, DateTimeOffset now)
    {
        string certificate = Path.Combine(root, "phonesafe", "server.crt");
        string key = Path.Combine(root, "phonesafe", "server.key");
        if (!newAuthority && File.Exists(certificate) && File.Exists(key))
        {
            using X509Certificate2 existing = X509Certificate2.CreateFromPem(File.ReadAllText(certificate));
            if (BrokerCertificates.IsCurrent(existing, authority, host, now))
            {
                return (new DateTimeOffset(existing.NotAfter.ToUniversalTime()), false);
            }
        }

        using X509Certificate2 server = BrokerCertificates.CreateServer(authority, host, now);
        using RSA privateKey = server.GetRSAPrivateKey()!;
        SecretFile.WritePrivate(key, privateKey.ExportPkcs8PrivateKeyPem() + "\n");
        SecretFile.WritePublic(certificate, server.ExportCertificatePem() + "\n");
        return (new DateTimeOffset(server.NotAfter.ToUniversalTime()), true);
    }

    private static HashSet<string> UpdateRevoked(string path, IReadOnlyList<string> revoke)
    {
        var revoked = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            revoked.UnionWith(File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        }

        int before = revoked.Count;
        foreach (string user in revoke)
        {
            int dot = user.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || !Identifiers.IsValid(user[..dot]) || !Identifiers.IsValid(user[(dot + 1)..]))
            {
                throw new ArgumentException($"Not a locker account (<school>.<locker>): {user}", nameof(revoke));
            }

            revoked.Add(user);
        }

        if (revoked.Count != before || (revoke.Count > 0 && !File.Exists(path)))
        {
            SecretFile.WritePublic(path, "# Locker accounts shut out of the broker (mosquitto-config --revoke). Delete a line to let the locker back in.\n"
                + string.Concat(revoked.Order(StringComparer.Ordinal).Select(u => u + "\n")));
        }

        return revoked;
    }

    private static string LoadOrCreateGatewayPassword(string path)
    {
        if (File.Exists(path))
        {
            string existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 32)
            {
                return existing;
            }
        }

        string password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        SecretFile.WritePrivate(path, password + "\n");
        return password;
    }

    // Keeps every existing hash that still matches its password, so a rerun changes nothing for unchanged accounts.
    private static int WritePasswordFile(string path, IReadOnlyList<(string User, string Password)> accounts)
    {
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (string line in File.ReadAllLines(path))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    existing[line[..colon]] = line[(colon + 1)..];
                }
            }
        }

        int changed = 0;
        var file = new StringBuilder();
        foreach ((string user, string password) in accounts)
        {
            if (!existing.TryGetValue(user, out string? hash) || !MosquittoPasswords.Verify(hash, password))
            {
                hash = MosquittoPasswords.Hash(password);
                changed++;
            }

            file.Append(user).Append(':').Append(hash).Append('\n');
        }

        SecretFile.WritePrivate(path, file.ToString());
        return changed;
    }
}
