using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The locker registry store tests on a SQLite file.</summary>
public sealed class SqliteLockerRegistryStoreTests() : LockerRegistryStoreTests(new SqliteTestStorage());
