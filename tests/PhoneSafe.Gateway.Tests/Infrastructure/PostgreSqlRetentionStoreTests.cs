using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The retention purge tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlRetentionStoreTests(PostgreSqlServer server) : RetentionStoreTests(new PostgreSqlTestStorage(server));
