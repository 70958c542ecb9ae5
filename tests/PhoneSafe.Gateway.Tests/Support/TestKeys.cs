using PhoneSafe.Gateway.Ingest;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// Device keys for unit tests that verify messages without a database: the given lockers, nothing else.
/// </summary>
public sealed class TestKeys(params (string School, string Locker, byte[] Key)[] keys) : ILockerKeys
{
    public byte[]? GetDeviceKey(string school, string locker) =>
        keys.FirstOrDefault(k => k.School == school && k.Locker == locker).Key;
}
