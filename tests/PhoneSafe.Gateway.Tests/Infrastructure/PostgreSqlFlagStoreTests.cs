using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The flag store tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlFlagStoreTests(PostgreSqlServer server) : FlagStoreTests(new PostgreSqlTestStorage(server));
