using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Encrypts the lockers' device keys and the schools' credential keys before they are stored, with ASP.NET Core Data
/// Protection, whose key ring lives in a directory outside the database (<c>StorageOptions:KeyDirectory</c>). A
/// database backup alone then cannot forge a locker's configuration or events, nor link cards to hashes.
/// </summary>
/// <param name="provider">Data Protection, configured with the key directory.</param>
public sealed class KeyProtection(IDataProtectionProvider provider)
{
    /// <summary>Length of a key in plain text (device and credential keys are 32 random bytes).</summary>
    public const int PlainKeyLength = 32;

    private readonly IDataProtector _protector = provider.CreateProtector("PhoneSafe.StoredKeys.v1");

    /// <summary>
    /// Encrypts a key for storage.
    /// </summary>
    /// <param name="key">The key in plain text.</param>
    /// <returns>What is stored (longer than <see cref="PlainKeyLength"/>).</returns>
    public byte[] Protect(byte[] key) => _protector.Protect(key);

    /// <summary>
    /// Decrypts a stored key; a key stored before encryption (exactly <see cref="PlainKeyLength"/> bytes) is returned as it is.
    /// </summary>
    /// <param name="stored">The stored bytes.</param>
    /// <returns>The key in plain text.</returns>
    /// <exception cref="CryptographicException">The key ring that encrypted it is missing (for example a database restored without its key directory).</exception>
    public byte[] Unprotect(byte[] stored) => stored.Length == PlainKeyLength ? stored : _protector.Unprotect(stored);

    /// <summary>
    /// Tells whether a stored key should be written again: it is still plain text, or it was encrypted with a key of
    /// the ring that is no longer the current one (Data Protection makes a new one every 90 days: rotation).
    /// </summary>
    /// <param name="stored">The stored bytes.</param>
    /// <returns>true to store <see cref="Protect"/> of <see cref="Unprotect"/> instead.</returns>
    public bool NeedsProtecting(byte[] stored)
    {
        if (stored.Length == PlainKeyLength)
        {
            return true;
        }

        if (_protector is not IPersistedDataProtector persisted)
        {
            return false;
        }

        persisted.DangerousUnprotect(stored, ignoreRevocationErrors: true, out bool requiresMigration, out bool wasRevoked);
        return requiresMigration || wasRevoked;
    }
}
