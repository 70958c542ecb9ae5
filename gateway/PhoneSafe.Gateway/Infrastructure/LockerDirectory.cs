using System.Collections.Concurrent;
using PhoneSafe.Gateway.Ingest;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The registered lockers' keys, held in memory for the verifier and kept in step with the ledger.
/// </summary>
/// <param name="store">The ledger.</param>
public sealed class LockerDirectory(ILedgerStore store) : ILockerKeys
{
    private readonly ConcurrentDictionary<(string, string), byte[]> _keys = new();

    /// <inheritdoc/>
    public byte[]? GetDeviceKey(string school, string locker) => _keys.TryGetValue((school, locker), out byte[]? key) ? key : null;

    /// <summary>
    /// Loads every registered locker from the ledger.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach ((string school, string locker, byte[] key) in await store.GetLockerKeysAsync(cancellationToken))
        {
            _keys[(school, locker)] = key;
        }
    }

    /// <summary>
    /// Registers a locker (and its school) with new random keys unless it exists.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The locker's device key and the school's credential key.</returns>
    public async Task<(byte[] DeviceKey, byte[] CredentialKey)> ProvisionAsync(string school, string locker, CancellationToken cancellationToken)
    {
        if (!Firmware.Core.Protocol.Identifiers.IsValid(school) || !Firmware.Core.Protocol.Identifiers.IsValid(locker))
        {
            throw new ArgumentException("School and locker identifiers are 1 to 32 characters of a-z, 0-9 and '-'.");
        }

        byte[] credentialKey = await store.EnsureSchoolAsync(school, NewKey(), cancellationToken);
        byte[] deviceKey = await store.EnsureLockerAsync(school, locker, NewKey(), cancellationToken);
        _keys[(school, locker)] = deviceKey;
        return (deviceKey, credentialKey);
    }

    private static byte[] NewKey() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
}
