using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PhoneSafe.Simulator;

/// <summary>
/// The broker simulated lockers connect to: plain (the embedded broker's listener for this machine, a test Mosquitto)
/// or TLS against one private certificate authority (the embedded broker's TLS listener, or the Mosquitto set-up the
/// gateway's <c>mosquitto-config</c> command writes). Either way each locker logs in with its own account, user name
/// and password derived as the device does (<see cref="Firmware.Core.Protocol.BrokerAccount"/>).
/// </summary>
/// <param name="Host">Broker host name or address (the broker certificate must name it when TLS is used).</param>
/// <param name="Port">Broker TCP port.</param>
public sealed record BrokerEndpoint(string Host, int Port)
{
    /// <summary>Gets the PEM certificate of the authority that signed the broker's certificate, or null for a plain connection.</summary>
    public string? CaCertificatePem { get; init; }

    /// <summary>
    /// Tells whether a broker certificate is acceptable: it names the host and chains to <see cref="CaCertificatePem"/> alone.
    /// </summary>
    /// <param name="certificate">The broker's certificate.</param>
    /// <param name="errors">What the TLS layer found.</param>
    /// <returns>true when trusted.</returns>
    public bool Trusts(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (CaCertificatePem is null)
        {
            return false;
        }

        using X509Certificate2 authority = X509Certificate2.CreateFromPem(CaCertificatePem);
        return BrokerTrust.IsTrusted(certificate, errors, authority);
    }
}
