using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Broker;
using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// <c>mosquitto-config --out &lt;dir&gt; ...</c>: writes a complete Mosquitto set-up for the lockers' broker (TLS
/// listener, CA and server certificate, one account per registered locker plus the gateway's, topic ACL) and prints
/// the gateway's <c>MqttOptions</c>. Rerunning it keeps everything that did not change.
/// </summary>
public sealed class MosquittoConfigCommand : GatewayCommand<MosquittoConfigCommand.Request>
{
    private const string OutOption = "--out";
    private const string HostOption = "--host";
    private const string PortOption = "--port";
    private const string LocalPortOption = "--local-port";
    private const string InstallDirectoryOption = "--install-dir";
    private const string SchoolOption = "--school";
    private const string GatewayAccountsOption = "--gateway-accounts";
    private const string RevokeOption = "--revoke";
    private const string NewAuthoritySwitch = "--new-ca";

    /// <inheritdoc/>
    public override string Verb => "mosquitto-config";

    /// <inheritdoc/>
    public override string Usage =>
        "usage: mosquitto-config --out <dir> [--host <broker name or address>] [--port 8883] [--local-port <port>] [--install-dir /etc/mosquitto/phonesafe] [--school <school>] [--gateway-accounts 1] [--revoke <school>.<locker>]... [--new-ca]";

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Switches => [NewAuthoritySwitch];

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Options => [OutOption, HostOption, PortOption, LocalPortOption, InstallDirectoryOption, SchoolOption, GatewayAccountsOption, RevokeOption];

    /// <inheritdoc/>
    protected override bool TryRead(CommandArguments arguments, [NotNullWhen(true)] out Request? request)
    {
        request = null;
        int port = MosquittoSetupOptions.DefaultPort;
        int localPort = 0;
        int gateways = 1;
        string? output = arguments.Value(OutOption);
        string? only = arguments.Value(SchoolOption);
        if (output is null || arguments.Positional.Count > 0 || arguments.Unknown.Count > 0
            || !TryReadNumber(arguments, PortOption, ref port) || !TryReadNumber(arguments, LocalPortOption, ref localPort) || !TryReadNumber(arguments, GatewayAccountsOption, ref gateways)
            || port is < 1 or > 65535 || localPort is < 0 or > 65535 || gateways is < 1 or > 32
            || (only is not null && !Identifiers.IsValid(only)))
        {
            return false;
        }

        var options = new MosquittoSetupOptions
        {
            OutputDirectory = output,
            Host = arguments.Value(HostOption) ?? Dns.GetHostName().ToLowerInvariant(),
            Port = port,
            LocalPort = localPort == 0 ? null : localPort,
            InstallDirectory = arguments.Value(InstallDirectoryOption) ?? MosquittoSetupOptions.DefaultInstallDirectory,
            GatewayAccounts = gateways,
            NewAuthority = arguments.Has(NewAuthoritySwitch),
            Revoke = [.. arguments.Values(RevokeOption)],
        };
        request = new Request(options, only);
        return true;
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(IServiceProvider services, Request request, CancellationToken cancellationToken)
    {
        List<BrokerLocker> lockers = [.. (await services.GetRequiredService<ILedgerStore>().GetLockerKeysAsync(cancellationToken))
            .Where(l => request.School is null || l.School == request.School)
            .Select(l => new BrokerLocker(l.School, l.Locker, l.Key))];
        MosquittoSetupOptions options = request.Options;
        MosquittoSetupResult result;
        try
        {
            result = MosquittoSetup.Write(options, lockers, TimeProvider.System);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return UsageError;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return Failure;
        }

        string root = Path.GetFullPath(options.OutputDirectory);
        Console.WriteLine($"wrote {root}: {result.LockerAccounts} locker accounts{(request.School is null ? string.Empty : " of " + request.School)} ({result.Revoked} revoked), gateway accounts {string.Join(", ", result.GatewayUsers)}; {result.ChangedPasswords} password hashes new or changed");
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
        return Success;
    }

    private static bool TryReadNumber(CommandArguments arguments, string option, ref int number)
    {
        string? text = arguments.Value(option);
        return text is null || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>The set-up to write.</summary>
    /// <param name="Options">Where and for which broker.</param>
    /// <param name="School">Only this school's lockers get accounts, or null for every school.</param>
    public sealed record Request(MosquittoSetupOptions Options, string? School);
}
