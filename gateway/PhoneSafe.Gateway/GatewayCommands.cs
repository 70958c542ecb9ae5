using System.Globalization;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway;

/// <summary>
/// Command-line verbs that run instead of the service, and the switches the service understands.
/// </summary>
public static class GatewayCommands
{
    /// <summary>The switch that starts the demonstration school.</summary>
    public const string DemoSwitch = "--demo";

    /// <summary>
    /// Removes switches that are not configuration keys (so the configuration reader does not see them).
    /// </summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The arguments without --demo.</returns>
    public static string[] ConfigurationArguments(string[] args)
    {
        if (args.Length > 0 && args[0] == MosquittoConfigVerb)
        {
            // Only section keys (--MqttOptions:Host x, --StorageOptions:DatabasePath=...) are configuration here;
            // the verb's own options (--out, --host, ...) are not.
            return OptionsWithValues(args, option => option.Contains(':', StringComparison.Ordinal));
        }

        if (args.Length == 0 || args[0] != "export-simulation")
        {
            return args.Where(a => a != DemoSwitch).ToArray();
        }

        // A verb's positional arguments are not configuration: a file path such as /tmp/x.json would read as a
        // "/key value" switch and swallow the next option.
        return OptionsWithValues(args, option => option != EnrolSimulatedCardsSwitch);
    }

    // The --options after the verb that keep says are configuration, each with its value (the next argument unless
    // written --key=value).
    private static string[] OptionsWithValues(string[] args, Func<string, bool> keep)
    {
        var options = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && keep(args[i]))
            {
                options.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    options.Add(args[++i]);
                }
            }
        }

        return [.. options];
    }

    /// <summary>The export-simulation switch that first enrols simulated cards for people without a card.</summary>
    public const string EnrolSimulatedCardsSwitch = "--enrol-simulated-cards";

    /// <summary>
    /// Runs a verb instead of the service: <c>provision-locker &lt;school&gt; &lt;locker&gt; [classroom|office] [compartments]</c>
    /// registers a locker (a classroom unit of 8 compartments unless told) and prints the keys to load into it;
    /// <c>verify-ledger [school]</c> checks the ledger's hash chains and exits with 0 when they hold, 1 when one is broken;
    /// <c>purge [--dry-run]</c> removes personal data past retention (or only counts it); <c>export-person &lt;school&gt;
    /// &lt;personId&gt;</c> prints everything held about a person as JSON (subject access request, audited).
    /// <c>export-simulation &lt;school&gt; &lt;file&gt; [--enrol-simulated-cards] [--broker-ca ca.crt --broker host[:port]]</c> writes the
    /// simulator's provisioning file (with a secured broker when told); <c>mosquitto-config --out &lt;dir&gt; ...</c> writes
    /// the Mosquitto set-up (TLS, one account per locker, topic ACL).
    /// </summary>
    /// <param name="app">The built application (not started).</param>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>true when a verb ran (the caller then exits).</returns>
    public static async Task<bool> TryRunAsync(IHost app, string[] args)
    {
        if (args.Length > 0 && args[0] == "verify-ledger")
        {
            await VerifyLedgerAsync(app, args.Length > 1 && !args[1].StartsWith('-') ? args[1] : null);
            return true;
        }

        if (args.Length > 0 && args[0] == "purge")
        {
            await PurgeAsync(app, args.Contains("--dry-run"));
            return true;
        }

        if (args.Length > 0 && args[0] == "export-person")
        {
            await ExportPersonAsync(app, args);
            return true;
        }

        if (args.Length > 0 && args[0] == "export-simulation")
        {
            await ExportSimulationAsync(app, args);
            return true;
        }

        if (args.Length > 0 && args[0] == MosquittoConfigVerb)
        {
            await MosquittoConfigAsync(app.Services, args);
            return true;
        }

        if (args.Length == 0 || args[0] != "provision-locker")
        {
            return false;
        }

        string kind = args.Length > 3 ? args[3] : Model.LockerKind.Classroom;
        int compartments = 8;
        if (args.Length < 3 || !Identifiers.IsValid(args[1]) || !Identifiers.IsValid(args[2]) || !Model.LockerKind.IsKnown(kind)
            || (args.Length > 4 && (!int.TryParse(args[4], System.Globalization.CultureInfo.InvariantCulture, out compartments) || compartments is < 1 or > EventCodec.MaxCompartment)))
        {
            await Console.Error.WriteLineAsync("usage: provision-locker <school> <locker> [classroom|office] [compartments 1-64]   (identifiers: 1-32 of a-z, 0-9, '-')");
            Environment.ExitCode = 2;
            return true;
        }

        foreach (ISchemaInitializer schema in app.Services.GetServices<ISchemaInitializer>())
        {
            await schema.InitializeAsync(CancellationToken.None);
        }

        (byte[] deviceKey, byte[] credentialKey) = await app.Services.GetRequiredService<LockerDirectory>().ProvisionAsync(args[1], args[2], CancellationToken.None);
        await app.Services.GetRequiredService<LockerRegistryStore>().RegisterAsync(args[1], args[2], kind, compartments, CancellationToken.None);
        Console.WriteLine($"school={args[1]}");
        Console.WriteLine($"device={args[2]}");
        Console.WriteLine($"deviceKey={Hex.Encode(deviceKey)}");
        Console.WriteLine($"credentialKey={Hex.Encode(credentialKey)}");
        Console.WriteLine($"mqttUser={BrokerAccount.UserName(args[1], args[2])}");
        Console.WriteLine($"mqttPassword={BrokerAccount.Password(deviceKey)}");
        return true;
    }

    /// <summary>The verb that writes the Mosquitto set-up.</summary>
    public const string MosquittoConfigVerb = "mosquitto-config";

    private const string MosquittoConfigUsage =
        "usage: mosquitto-config --out <dir> [--host <broker name or address>] [--port 8883] [--local-port <port>] [--install-dir /etc/mosquitto/phonesafe] [--school <school>] [--gateway-accounts 1] [--revoke <school>.<locker>]... [--new-ca]";

    /// <summary>
    /// Runs the mosquitto-config verb (also called by the tests with the gateway's services).
    /// </summary>
    /// <param name="services">The gateway's services (ledger with the registered lockers).</param>
    /// <param name="args">Command-line arguments, the verb first.</param>
    /// <returns>A task; <see cref="Environment.ExitCode"/> is 2 for bad arguments, 1 when the set-up could not be written.</returns>
    internal static async Task MosquittoConfigAsync(IServiceProvider services, string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var revoke = new List<string>();
        bool newAuthority = false;
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--new-ca")
            {
                newAuthority = true;
            }
            else if (args[i] == "--revoke" && i + 1 < args.Length)
            {
                revoke.Add(args[++i]);
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && !args[i].Contains(':', StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else if (!args[i].Contains(':', StringComparison.Ordinal))
            {
                values["?"] = args[i];
            }
            else if (!args[i].Contains('=', StringComparison.Ordinal))
            {
                i++;
            }
        }

        string[] known = ["out", "host", "port", "local-port", "install-dir", "school", "gateway-accounts"];
        int port = Broker.MosquittoSetupOptions.DefaultPort;
        int localPort = 0;
        int gateways = 1;
        if (!values.TryGetValue("out", out string? output) || values.Keys.Any(k => !known.Contains(k))
            || (values.TryGetValue("port", out string? p) && !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out port))
            || (values.TryGetValue("local-port", out string? lp) && !int.TryParse(lp, NumberStyles.None, CultureInfo.InvariantCulture, out localPort))
            || (values.TryGetValue("gateway-accounts", out string? g) && !int.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out gateways))
            || port is < 1 or > 65535 || localPort is < 0 or > 65535 || gateways is < 1 or > 32
            || (values.TryGetValue("school", out string? only) && !Identifiers.IsValid(only)))
        {
            await Console.Error.WriteLineAsync(MosquittoConfigUsage);
            Environment.ExitCode = 2;
            return;
        }

        foreach (ISchemaInitializer schema in services.GetServices<ISchemaInitializer>())
        {
            await schema.InitializeAsync(CancellationToken.None);
        }

        List<Broker.BrokerLocker> lockers = [.. (await services.GetRequiredService<ILedgerStore>().GetLockerKeysAsync(CancellationToken.None))
            .Where(l => only is null || l.School == only)
            .Select(l => new Broker.BrokerLocker(l.School, l.Locker, l.Key))];
        var options = new Broker.MosquittoSetupOptions
        {
            OutputDirectory = output,
            Host = values.TryGetValue("host", out string? host) ? host : System.Net.Dns.GetHostName().ToLowerInvariant(),
            Port = port,
            LocalPort = localPort == 0 ? null : localPort,
            InstallDirectory = values.TryGetValue("install-dir", out string? install) ? install : Broker.MosquittoSetupOptions.DefaultInstallDirectory,
            GatewayAccounts = gateways,
            NewAuthority = newAuthority,
            Revoke = revoke,
        };
        Broker.MosquittoSetupResult result;
        try
        {
            result = Broker.MosquittoSetup.Write(options, lockers, TimeProvider.System);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            Environment.ExitCode = 2;
            return;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            Environment.ExitCode = 1;
            return;
        }

        string root = Path.GetFullPath(output);
        Console.WriteLine($"wrote {root}: {result.LockerAccounts} locker accounts{(only is null ? string.Empty : " of " + only)} ({result.Revoked} revoked), gateway accounts {string.Join(", ", result.GatewayUsers)}; {result.ChangedPasswords} password hashes new or changed");
        Console.WriteLine(result.NewAuthority
            ? "NEW certificate authority: load phonesafe/ca.crt into every locker (setting brokerCa) and into the gateway"
            : "certificate authority kept");
        Console.WriteLine(FormattableString.Invariant($"server certificate for {options.Host} {(result.NewServerCertificate ? "issued" : "kept")}, valid until {result.ServerCertificateExpires:yyyy-MM-dd}"));
        Console.WriteLine($"install on the broker: conf.d/phonesafe.conf -> /etc/mosquitto/conf.d/, phonesafe/* -> {options.InstallDirectory}/ (owner mosquitto, server.key passwd acl mode 0600), then restart mosquitto");
        Console.WriteLine("gateway settings (appsettings MqttOptions or environment):");
        Console.WriteLine("  MqttOptions__Embedded=false");
        Console.WriteLine($"  MqttOptions__Host={options.Host}");
        Console.WriteLine(FormattableString.Invariant($"  MqttOptions__Port={options.Port}"));
        Console.WriteLine("  MqttOptions__UseTls=true");
        Console.WriteLine($"  MqttOptions__CaCertificatePath={Path.Combine(root, "gateway", "ca.crt")}");
        Console.WriteLine($"  MqttOptions__Username={result.GatewayUsers[0]}");
        Console.WriteLine($"  MqttOptions__PasswordFile={Path.Combine(root, "gateway", result.GatewayUsers[0] + ".password")}");
        Console.WriteLine("locker settings: brokerHost, brokerPort, brokerCa (phonesafe/ca.crt); mqttUser/mqttPassword are derived from the device key (provision-locker prints them)");
    }

    private static async Task ExportSimulationAsync(IHost app, string[] args)
    {
        bool enrol = args.Contains(EnrolSimulatedCardsSwitch);
        var positionalList = new List<string>();
        string? brokerCa = null;
        string? broker = null;
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == EnrolSimulatedCardsSwitch)
            {
                continue;
            }

            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                // Configuration keys (--Section:Key value) and the broker options both take a value.
                string name = args[i];
                string? value = name.Contains('=', StringComparison.Ordinal) ? null : (i + 1 < args.Length ? args[++i] : null);
                if (name == "--broker-ca")
                {
                    brokerCa = value;
                }
                else if (name == "--broker")
                {
                    broker = value;
                }

                continue;
            }

            positionalList.Add(args[i]);
        }

        string[] positional = [.. positionalList];
        SimulatedBrokerOption? secured = null;
        if (brokerCa is not null)
        {
            secured = ParseBroker(broker);
        }

        if (positional.Length != 2 || !Identifiers.IsValid(positional[0]) || (brokerCa is not null && secured is null) || (broker is not null && brokerCa is null))
        {
            await Console.Error.WriteLineAsync("usage: export-simulation <school> <file> [--enrol-simulated-cards] [--broker-ca <ca.crt> --broker <host>[:8883]]   (test and demo schools only: the file holds the lockers' keys)");
            Environment.ExitCode = 2;
            return;
        }

        await InitializeAsync(app);
        var setup = app.Services.GetRequiredService<Services.SimulatedSchoolSetup>();
        if (enrol)
        {
            Console.WriteLine($"enrolled {await setup.EnrolSimulatedCardsAsync(positional[0], CancellationToken.None)} simulated cards");
        }

        try
        {
            Simulator.Provisioning.SimulationFile file = await setup.ExportAsync(positional[0], CancellationToken.None);
            if (secured is { } b)
            {
                string pem = await File.ReadAllTextAsync(brokerCa!);
                using var check = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem); // refuses what is not a certificate
                file = file with { Broker = new Simulator.Provisioning.SimulatedBroker(b.Host, b.Port, pem) };
            }

            file.Save(positional[1]);
            Console.WriteLine($"wrote {positional[1]}: {file.Lockers.Count} lockers, {file.People.Count} people with simulated cards");
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            Environment.ExitCode = 1;
        }
    }

    private readonly record struct SimulatedBrokerOption(string Host, int Port);

    private static SimulatedBrokerOption? ParseBroker(string? broker)
    {
        if (string.IsNullOrEmpty(broker))
        {
            return null;
        }

        int colon = broker.LastIndexOf(':');
        if (colon < 0)
        {
            return new SimulatedBrokerOption(broker, Broker.MosquittoSetupOptions.DefaultPort);
        }

        return int.TryParse(broker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536 && colon > 0
            ? new SimulatedBrokerOption(broker[..colon], port)
            : null;
    }

    private static async Task InitializeAsync(IHost app)
    {
        foreach (ISchemaInitializer schema in app.Services.GetServices<ISchemaInitializer>())
        {
            await schema.InitializeAsync(CancellationToken.None);
        }
    }

    private static async Task PurgeAsync(IHost app, bool dryRun)
    {
        await InitializeAsync(app);
        Console.WriteLine($"ledger: {app.Services.GetRequiredService<IDatabase>().Location}");
        RetentionReport report = await app.Services.GetRequiredService<RetentionStore>().PurgeAsync(dryRun, CancellationToken.None);
        foreach (RetentionCut cut in report.Cuts)
        {
            Console.WriteLine(FormattableString.Invariant($"cut {cut.School} at {cut.ChainIndex}: {cut.Rows} events (held back by {cut.HeldBack})"));
        }

        Console.WriteLine((dryRun ? "DRY RUN, nothing removed: " : "PURGED ") + report.Summary());
    }

    private static async Task ExportPersonAsync(IHost app, string[] args)
    {
        if (args.Length < 3 || !Identifiers.IsValid(args[1]) || Apis.ApiValidation.PersonId(args[2]) is not null)
        {
            await Console.Error.WriteLineAsync("usage: export-person <school> <personId>");
            Environment.ExitCode = 2;
            return;
        }

        await InitializeAsync(app);
        await app.Services.GetRequiredService<UserStore>().AuditAsync(
            "cli:" + Environment.UserName, "export:person", SubjectAccessStore.AuditDetail(args[1], args[2]), "local", CancellationToken.None);
        SubjectAccessExport? export = await app.Services.GetRequiredService<SubjectAccessStore>().ExportAsync(args[1], args[2], CancellationToken.None);
        if (export is null)
        {
            await Console.Error.WriteLineAsync($"nothing is held about {args[2]} at {args[1]}");
            Environment.ExitCode = 1;
            return;
        }

        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(export, s_json));
    }

    private static readonly System.Text.Json.JsonSerializerOptions s_json = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    private static async Task VerifyLedgerAsync(IHost app, string? school)
    {
        await InitializeAsync(app);

        Console.WriteLine($"ledger: {app.Services.GetRequiredService<IDatabase>().Location}");
        LedgerVerification result = await app.Services.GetRequiredService<LedgerVerifier>().VerifyAsync(school, CancellationToken.None);
        foreach (LedgerHead head in result.Heads)
        {
            Console.WriteLine($"head {head.School} {head.Length} {head.Hash ?? "-"}");
        }

        if (result.FirstBreak is { } broken)
        {
            Console.WriteLine($"BROKEN school={broken.School} index={broken.ChainIndex} id={broken.Id?.ToString(CultureInfo.InvariantCulture) ?? "-"} locker={broken.Locker ?? "-"} seq={broken.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "-"}: {broken.Reason}");
            Environment.ExitCode = 1;
            return;
        }

        Console.WriteLine($"OK {result.Schools} schools, {result.Events} events, {result.Checkpoints} checkpoints");
    }
}
