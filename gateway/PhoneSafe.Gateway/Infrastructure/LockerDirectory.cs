using System.Collections.Concurrent;
using PhoneSafe.Gateway.Ingest;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The registered lockers' keys, held in memory for the verifier and kept in step with the ledger. Keys are loaded
/// at start; a locker registered later through another gateway instance is looked up in the database the first time
/// one of its messages arrives (at most once per <see cref="RefreshInterval"/> per locker, so a stream of messages
/// from an unknown device cannot turn into a stream of queries).
/// </summary>
/// <param name="store">The ledger.</param>
/// <param name="time">The clock that spaces out look-ups of unknown lockers (the system clock when null).</param>
public sealed class LockerDirectory(ILedgerStore store, TimeProvider? time = null) : ILockerKeys
{
    /// <summary>How long after looking up an unknown locker in vain the directory looks again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string, string), byte[]> _keys = new();
    private readonly ConcurrentDictionary<(string, string), DateTimeOffset> _lastMiss = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc/>
    public byte[]? GetDeviceKey(string school, string locker) => _keys.TryGetValue((school, locker), out byte[]? key) ? key : null;

    /// <inheritdoc/>
    public async Task<bool> RefreshAsync(string school, string locker, CancellationToken cancellationToken)
    {
        if (_keys.ContainsKey((school, locker)))
        {
            return true;
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (_lastMiss.TryGetValue((school, locker), out DateTimeOffset last) && now - last < RefreshInterval)
        {
            return false;
        }

        byte[]? key = await store.GetLockerKeyAsync(school, locker, cancellationToken);
        if (key is null)
        {
            // Bounded: an attacker inventing locker names fills this at most with what they send; entries are dropped once stale.
            if (_lastMiss.Count > 10_000)
            {
                _lastMiss.Clear();
            }

            _lastMiss[(school, locker)] = now;
            return false;
        }

        _lastMiss.TryRemove((school, locker), out _);
        _keys[(school, locker)] = key;
        return true;
    }

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
    /// Reloads every registered locker's key from the ledger and forgets the lockers that are no longer registered:
    /// those revoked by another process (the <c>revoke-locker</c> command) since the keys were loaded. A key replaced
    /// elsewhere is picked up too.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The lockers forgotten, as (school, locker).</returns>
    public async Task<IReadOnlyList<(string School, string Locker)>> ReloadAsync(CancellationToken cancellationToken)
    {
        // Only lockers known before the query can be gone: one provisioned meanwhile is in the database already.
        (string, string)[] known = [.. _keys.Keys];
        Dictionary<(string, string), byte[]> current = (await store.GetLockerKeysAsync(cancellationToken)).ToDictionary(k => (k.School, k.Locker), k => k.Key);
        foreach (((string, string) id, byte[] key) in current)
        {
            _keys[id] = key;
        }

        List<(string School, string Locker)> gone = [];
        foreach ((string, string) id in known)
        {
            if (!current.ContainsKey(id) && _keys.TryRemove(id, out _))
            {
                gone.Add(id);
            }
        }

        return gone;
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

    /// <summary>
    /// Revokes a locker (<see cref="ILedgerStore.RevokeLockerAsync"/>) and forgets its key here at once. Another
    /// gateway process (a running service, when this is a command) still holds the key until it restarts; its broker
    /// refuses the locker's next connection either way.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when it was registered and not yet revoked.</returns>
    public async Task<bool> RevokeAsync(string school, string locker, CancellationToken cancellationToken)
    {
        bool revoked = await store.RevokeLockerAsync(school, locker, cancellationToken);
        _keys.TryRemove((school, locker), out _);
        return revoked;
    }

    /// <summary>
    /// Re-provisions a registered locker with a new random device key; the old key is refused from then on (by this
    /// instance at once; other gateway instances sharing the database after their restart).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The new device key and the school's credential key, or null when the locker has no key.</returns>
    public async Task<(byte[] DeviceKey, byte[] CredentialKey)?> RotateAsync(string school, string locker, CancellationToken cancellationToken)
    {
        byte[] deviceKey = NewKey();
        if (!await store.ReplaceLockerKeyAsync(school, locker, deviceKey, cancellationToken))
        {
            return null;
        }

        _keys[(school, locker)] = deviceKey;
        return (deviceKey, await store.EnsureSchoolAsync(school, NewKey(), cancellationToken));
    }

    private static byte[] NewKey() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
}
