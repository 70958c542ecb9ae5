using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PhoneSafe.Gateway.Broker;

/// <summary>
/// The broker's certificate authority and server certificate as files, one layout for both brokers (the folder
/// <c>mosquitto-config --out</c> writes, and the embedded broker's <c>EmbeddedBrokerOptions:CertificateDirectory</c>):
/// <c>phonesafe/ca.crt</c> (what lockers and the gateway trust), <c>private/ca.key</c> (the authority's key, 0600 in a
/// 0700 folder), <c>phonesafe/server.crt</c> and <c>phonesafe/server.key</c>. Missing files are created; existing
/// ones are kept while they are valid, so lockers keep trusting the same authority.
/// </summary>
public static class BrokerCertificateFiles
{
    /// <summary>The certificate authority's common name.</summary>
    public const string AuthorityName = "PhoneSafe broker CA";

    /// <summary>
    /// The certificate authority's certificate (PEM) in a folder: what every locker's <c>brokerCa</c> setting holds.
    /// </summary>
    /// <param name="root">The folder.</param>
    /// <returns>The file path.</returns>
    public static string AuthorityPath(string root) => Path.Combine(root, "phonesafe", "ca.crt");

    /// <summary>
    /// Creates the folders (the private one owner-only).
    /// </summary>
    /// <param name="root">The folder.</param>
    public static void CreateFolders(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "phonesafe"));
        Directory.CreateDirectory(Path.Combine(root, "private"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(root, "private"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// Loads the certificate authority, or creates it when missing (or when asked to replace it).
    /// </summary>
    /// <param name="root">The folder.</param>
    /// <param name="replace">Whether to make a new authority even if one exists.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The authority with its private key, and whether it was created now.</returns>
    /// <exception cref="InvalidOperationException">The existing authority ends within a server certificate's lifetime.</exception>
    public static (X509Certificate2 Authority, bool Created) LoadOrCreateAuthority(string root, bool replace, DateTimeOffset now)
    {
        string certificate = AuthorityPath(root);
        string key = Path.Combine(root, "private", "ca.key");
        if (!replace && File.Exists(certificate) && File.Exists(key))
        {
            X509Certificate2 existing = X509Certificate2.CreateFromPemFile(certificate, key);
            if (existing.NotAfter.ToUniversalTime() - now.UtcDateTime > BrokerCertificates.ServerLifetime)
            {
                return (existing, false);
            }

            existing.Dispose();
            throw new InvalidOperationException($"The certificate authority in {root} ends on {existing.NotAfter:yyyy-MM-dd}; make a new one (mosquitto-config --new-ca) and load the new ca.crt into every locker.");
        }

        X509Certificate2 authority = BrokerCertificates.CreateAuthority(AuthorityName, now);
        using RSA privateKey = authority.GetRSAPrivateKey()!;
        SecretFile.WritePrivate(key, privateKey.ExportPkcs8PrivateKeyPem() + "\n");
        SecretFile.WritePublic(certificate, authority.ExportCertificatePem() + "\n");
        return (authority, true);
    }

    /// <summary>
    /// Loads the server certificate, or issues a new one when it is missing, ends within
    /// <see cref="BrokerCertificates.RenewBefore"/>, does not name the host or was issued by another authority.
    /// </summary>
    /// <param name="root">The folder.</param>
    /// <param name="authority">The certificate authority, with its private key.</param>
    /// <param name="host">The name (or address) lockers connect to.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The server certificate with its private key, and whether it was issued now.</returns>
    public static (X509Certificate2 Server, bool Created) LoadOrCreateServer(string root, X509Certificate2 authority, string host, DateTimeOffset now)
    {
        string certificate = Path.Combine(root, "phonesafe", "server.crt");
        string key = Path.Combine(root, "phonesafe", "server.key");
        if (File.Exists(certificate) && File.Exists(key))
        {
            X509Certificate2 existing = X509Certificate2.CreateFromPemFile(certificate, key);
            if (BrokerCertificates.IsCurrent(existing, authority, host, now))
            {
                return (existing, false);
            }

            existing.Dispose();
        }

        X509Certificate2 server = BrokerCertificates.CreateServer(authority, host, now);
        using RSA privateKey = server.GetRSAPrivateKey()!;
        SecretFile.WritePrivate(key, privateKey.ExportPkcs8PrivateKeyPem() + "\n");
        SecretFile.WritePublic(certificate, server.ExportCertificatePem() + "\n");
        return (server, true);
    }
}
