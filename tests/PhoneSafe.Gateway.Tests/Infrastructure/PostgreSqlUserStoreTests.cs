using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The user store tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlUserStoreTests(PostgreSqlServer server) : UserStoreTests(new PostgreSqlTestStorage(server));
