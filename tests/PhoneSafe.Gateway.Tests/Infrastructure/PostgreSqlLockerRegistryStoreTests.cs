using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The locker registry store tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlLockerRegistryStoreTests(PostgreSqlServer server) : LockerRegistryStoreTests(new PostgreSqlTestStorage(server));
