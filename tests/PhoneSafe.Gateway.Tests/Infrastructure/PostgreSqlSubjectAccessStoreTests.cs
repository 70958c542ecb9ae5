using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The subject access export tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlSubjectAccessStoreTests(PostgreSqlServer server) : SubjectAccessStoreTests(new PostgreSqlTestStorage(server));
