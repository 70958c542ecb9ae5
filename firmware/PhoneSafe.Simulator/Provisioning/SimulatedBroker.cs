namespace PhoneSafe.Simulator.Provisioning;

/// <summary>
/// The secured broker a provisioning file points at (written by <c>export-simulation --broker-ca</c>): TLS against
/// this authority, each locker with its own account derived from its device key.
/// </summary>
/// <param name="Host">Broker host name (as the server certificate names it).</param>
/// <param name="Port">TLS port.</param>
/// <param name="CaCertificate">The authority's certificate, PEM.</param>
public sealed record SimulatedBroker(string Host, int Port, string CaCertificate)
{
    /// <summary>
    /// The endpoint to connect to, optionally at another host or port (the certificate must still name the host).
    /// </summary>
    /// <param name="host">Host override, or null.</param>
    /// <param name="port">Port override, or null.</param>
    /// <returns>The endpoint.</returns>
    public BrokerEndpoint Endpoint(string? host = null, int? port = null) =>
        new(host ?? Host, port ?? Port) { CaCertificatePem = CaCertificate };
}
