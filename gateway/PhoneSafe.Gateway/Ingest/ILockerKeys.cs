namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// Looks up the per-device keys of registered lockers.
/// </summary>
public interface ILockerKeys
{
    /// <summary>
    /// Gets a locker's key.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <returns>The 32-byte key, or null when the locker is not registered.</returns>
    byte[]? GetDeviceKey(string school, string locker);

    /// <summary>
    /// Reloads one locker's key from the database, for a locker registered through another gateway instance after
    /// this one started. Implementations may limit how often they look.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when a key is now known that was not before.</returns>
    Task<bool> RefreshAsync(string school, string locker, CancellationToken cancellationToken) => Task.FromResult(false);
}
