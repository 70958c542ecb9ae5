using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PhoneSafe.Gateway.Broker;

/// <summary>
/// The broker's private certificate authority and its server certificate, made with .NET's
/// <see cref="CertificateRequest"/> (no openssl). RSA keys, SHA-256 signatures: what Mosquitto (OpenSSL), MQTTnet
/// and the lockers' mbedTLS all accept.
/// </summary>
public static class BrokerCertificates
{
    /// <summary>How long the certificate authority is valid.</summary>
    public static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3653);

    /// <summary>How long a server certificate is valid.</summary>
    public static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(825);

    /// <summary>A server certificate closer than this to its end is renewed when the command runs again.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(60);

    /// <summary>
    /// Creates a certificate authority (key usage: certificate and CRL signing only; no intermediate below it).
    /// </summary>
    /// <param name="name">The authority's common name.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The self-signed certificate with its private key.</returns>
    public static X509Certificate2 CreateAuthority(string name, DateTimeOffset now)
    {
        using RSA key = RSA.Create(3072);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + name + ", O=PhoneSafe"), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(AuthorityLifetime));
    }

    /// <summary>
    /// Issues the broker's server certificate: TLS server authentication for the host name (or address) the
    /// lockers and the gateway connect to, plus 127.0.0.1 and localhost for clients on the broker machine.
    /// </summary>
    /// <param name="authority">The certificate authority, with its private key.</param>
    /// <param name="host">The broker's host name or IP address.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The certificate with its private key.</returns>
    public static X509Certificate2 CreateServer(X509Certificate2 authority, string host, DateTimeOffset now)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + host + ", O=PhoneSafe"), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (string name in SubjectNames(host))
        {
            if (IPAddress.TryParse(name, out IPAddress? address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(names.Build(true));
        DateTimeOffset notAfter = now.Add(ServerLifetime) < authority.NotAfter ? now.Add(ServerLifetime) : new DateTimeOffset(authority.NotAfter.ToUniversalTime());
        using X509Certificate2 issued = request.Create(authority, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// The names a server certificate for a host carries.
    /// </summary>
    /// <param name="host">The broker's host name or IP address.</param>
    /// <returns>The host, localhost and 127.0.0.1, without repeats.</returns>
    public static IReadOnlyList<string> SubjectNames(string host) =>
        new[] { host, "localhost", "127.0.0.1" }.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// Tells whether a server certificate can be kept: issued by the authority, valid for the host for at least
    /// <see cref="RenewBefore"/> more.
    /// </summary>
    /// <param name="server">The existing server certificate.</param>
    /// <param name="authority">The certificate authority.</param>
    /// <param name="host">The broker's host name or IP address.</param>
    /// <param name="now">The current time.</param>
    /// <returns>true when it can stay.</returns>
    public static bool IsCurrent(X509Certificate2 server, X509Certificate2 authority, string host, DateTimeOffset now)
    {
        if (server.NotAfter.ToUniversalTime() - now.UtcDateTime < RenewBefore || !server.MatchesHostname(host))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        return chain.Build(server);
    }
}
