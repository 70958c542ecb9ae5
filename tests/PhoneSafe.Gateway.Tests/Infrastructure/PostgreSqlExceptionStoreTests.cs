using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The exception store tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlExceptionStoreTests(PostgreSqlServer server) : ExceptionStoreTests(new PostgreSqlTestStorage(server));
