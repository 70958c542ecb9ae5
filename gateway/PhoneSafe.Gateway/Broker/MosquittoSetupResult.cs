namespace PhoneSafe.Gateway.Broker;

/// <summary>
/// What <see cref="MosquittoSetup.Write"/> did.
/// </summary>
/// <param name="LockerAccounts">Locker accounts in the password file.</param>
/// <param name="ChangedPasswords">Accounts whose password hash was (re)written because it was new or no longer matched.</param>
/// <param name="GatewayUsers">The gateway accounts.</param>
/// <param name="NewAuthority">Whether a new certificate authority was made (lockers need the new ca.crt).</param>
/// <param name="NewServerCertificate">Whether a new server certificate was issued (the broker must be restarted).</param>
/// <param name="ServerCertificateExpires">When the server certificate ends.</param>
/// <param name="Revoked">Registered lockers left out because they are in the revoked list.</param>
public sealed record MosquittoSetupResult(
    int LockerAccounts,
    int ChangedPasswords,
    IReadOnlyList<string> GatewayUsers,
    bool NewAuthority,
    bool NewServerCertificate,
    DateTimeOffset ServerCertificateExpires,
    int Revoked);
