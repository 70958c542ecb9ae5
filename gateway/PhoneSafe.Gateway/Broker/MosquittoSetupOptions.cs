namespace PhoneSafe.Gateway.Broker;

/// <summary>
/// What the <c>mosquitto-config</c> command writes and for which broker.
/// </summary>
public sealed class MosquittoSetupOptions
{
    /// <summary>The default TLS port.</summary>
    public const int DefaultPort = 8883;

    /// <summary>The default folder the broker's PhoneSafe files are installed into.</summary>
    public const string DefaultInstallDirectory = "/etc/mosquitto/phonesafe";

    /// <summary>The gateway's MQTT user name (further instances get -2, -3, ...).</summary>
    public const string GatewayUser = "phonesafe-gateway";

    /// <summary>Gets the folder the set-up is written to (created if missing; files there are reused on a rerun).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Gets the host name (or IP address) lockers and the gateway use to reach the broker; the server certificate is issued for it.</summary>
    public required string Host { get; init; }

    /// <summary>Gets the TLS listener's port.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Gets the port of an optional plain listener bound to 127.0.0.1 (same accounts and ACL), or null for none.</summary>
    public int? LocalPort { get; init; }

    /// <summary>Gets the folder on the broker machine the files of <c>phonesafe/</c> are installed into (the paths mosquitto.conf names).</summary>
    public string InstallDirectory { get; init; } = DefaultInstallDirectory;

    /// <summary>Gets how many gateway accounts to create (one per gateway instance of a shared-subscription group).</summary>
    public int GatewayAccounts { get; init; } = 1;

    /// <summary>
    /// Gets locker accounts (<c>&lt;school&gt;.&lt;locker&gt;</c>) to shut out from now on (a lost or stolen locker). They are
    /// added to the output folder's <c>revoked</c> file, and every locker listed there is left out of the password file
    /// and the ACL on this and every later run.
    /// </summary>
    public IReadOnlyList<string> Revoke { get; init; } = [];

    /// <summary>Gets a value indicating whether to replace the certificate authority (every locker then needs the new ca.crt).</summary>
    public bool NewAuthority { get; init; }
}
