namespace PhoneSafe.Gateway.Options;

/// <summary>
/// The embedded broker's listeners and limits (appsettings section "EmbeddedBrokerOptions"). Its plain listener is
/// <see cref="MqttOptions.Host"/>:<see cref="MqttOptions.Port"/>, the address the gateway itself connects to.
/// </summary>
public sealed class EmbeddedBrokerOptions
{
    /// <summary>Gets or sets the TLS listener's port, the one lockers use; 0 for no TLS listener (this machine's clients only).</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>Gets or sets the address the TLS listener binds to: every IPv4 address by default.</summary>
    public string TlsAddress { get; set; } = "0.0.0.0";

    /// <summary>
    /// Gets or sets the name (or IP address) lockers use to reach the broker, the name its server certificate is issued
    /// for; null for this machine's host name.
    /// </summary>
    public string? HostName { get; set; }

    /// <summary>
    /// Gets or sets the folder of the broker's certificate authority and server certificate, created on first start:
    /// <c>phonesafe/ca.crt</c> goes into every locker (its <c>brokerCa</c> setting); <c>private/ca.key</c> stays here.
    /// The same layout as <c>mosquitto-config --out</c>, so both brokers can share one authority.
    /// </summary>
    public string CertificateDirectory { get; set; } = "data/broker";

    /// <summary>
    /// Gets or sets a value indicating whether the plain (unencrypted) listener may bind to an address other than
    /// loopback. Off: the gateway refuses to start with such an address. On: it starts, with a warning in the log.
    /// </summary>
    public bool AllowInsecureNetworkListener { get; set; }

    /// <summary>
    /// Gets or sets the largest message (topic and payload) a client may publish, in bytes; a client sending a larger
    /// one is disconnected. The largest legitimate message is a locker configuration; the default is 256 KiB.
    /// </summary>
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Gets or sets how many clients may be connected at once from one IP address; 0 for no limit. Each locker has its
    /// own address on the school network; only this machine (the gateway, a simulation) needs more.
    /// </summary>
    public int MaxConnectionsPerAddress { get; set; } = 16;
}
