using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PhoneSafe.Simulator;

/// <summary>
/// Checks a broker's TLS certificate against one private certificate authority (not the machine's roots): the one
/// check used by the gateway's connection (with <c>MqttOptions:CaCertificatePath</c>) and by simulated lockers
/// (<see cref="BrokerEndpoint.Trusts"/>).
/// </summary>
public static class BrokerTrust
{
    /// <summary>
    /// Tells whether the broker's certificate is acceptable: it names the host asked for and chains to the authority.
    /// </summary>
    /// <param name="certificate">The certificate the broker presented.</param>
    /// <param name="errors">What the TLS layer found (a name mismatch or a missing certificate is fatal; an untrusted root is expected and checked here).</param>
    /// <param name="authority">The only trusted authority.</param>
    /// <returns>true when the broker is trusted.</returns>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 authority)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (certificate is X509Certificate2 presented)
        {
            return chain.Build(presented);
        }

        using X509Certificate2 copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(copy);
    }
}
