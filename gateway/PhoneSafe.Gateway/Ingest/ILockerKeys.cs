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
}
