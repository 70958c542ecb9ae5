namespace PhoneSafe.Gateway.Options;

/// <summary>
/// How the gateway reaches the lockers' MQTT broker (appsettings section "MqttOptions").
/// </summary>
public sealed class MqttOptions
{
    /// <summary>Gets or sets a value indicating whether the gateway runs its own MQTTnet broker (default) instead of using an external one.</summary>
    public bool Embedded { get; set; } = true;

    /// <summary>
    /// Gets or sets the broker host. The embedded broker's plain listener binds to it too, so it stays a loopback address
    /// (lockers use the TLS listener, <see cref="EmbeddedBrokerOptions.TlsPort"/>).
    /// </summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the broker TCP port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Gets or sets the gateway's MQTT client identifier; fixed, so the broker keeps its session while it restarts.</summary>
    public string ClientId { get; set; } = "phonesafe-gateway";

    /// <summary>Gets or sets the user name for an external broker (with the embedded broker the gateway sets its own account at start).</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the password for an external broker.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Gets or sets a file holding the password (used when <see cref="Password"/> is not set), read at every
    /// connection attempt: for example the gateway/phonesafe-gateway.password that the <c>mosquitto-config</c>
    /// command writes (mode 0600), which keeps the secret out of appsettings.
    /// </summary>
    public string? PasswordFile { get; set; }

    /// <summary>Gets or sets a value indicating whether to connect with TLS.</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// Gets or sets the PEM file of the certificate authority that signed the broker's certificate (the ca.crt the
    /// <c>mosquitto-config</c> command writes). When set, the broker must present a certificate chaining to this CA
    /// alone (the machine's trusted roots are not used) and naming <see cref="Host"/>; anything else is refused.
    /// Requires <see cref="UseTls"/>. When not set, TLS trusts the machine's roots.
    /// </summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>
    /// Gets or sets the socket send and receive buffer of the gateway's broker connection, in bytes. MQTTnet's own
    /// default (8 KiB) makes the kernel advertise a tiny TCP window, and a broker with a backlog for the gateway
    /// (Mosquitto after a reconnect storm) then delivers in delayed-ACK steps of a few kilobytes: about 100 events/s.
    /// The kernel caps the value at net.core.rmem_max / wmem_max.
    /// </summary>
    public int SocketBufferBytes { get; set; } = DefaultSocketBufferBytes;

    /// <summary>The default of <see cref="SocketBufferBytes"/>: 4 MiB.</summary>
    public const int DefaultSocketBufferBytes = 4 * 1024 * 1024;

    /// <summary>Gets or sets how long the broker keeps the gateway's session (and queued events) while it is away, in seconds.</summary>
    public uint SessionExpirySeconds { get; set; } = 86400;

    /// <summary>
    /// Gets or sets the MQTT 5 shared-subscription group of the gateway instances that share the load, or null
    /// (the default) for one gateway. When set, events are subscribed as <c>$share/&lt;group&gt;/phonesafe/+/+/events</c>,
    /// so the broker hands each event to one instance of the group; every instance needs its own <see cref="ClientId"/>.
    /// </summary>
    public string? SharedSubscriptionGroup { get; set; }

    /// <summary>Gets or sets the pause between reconnection attempts, in seconds.</summary>
    public int ReconnectSeconds { get; set; } = 2;
}
