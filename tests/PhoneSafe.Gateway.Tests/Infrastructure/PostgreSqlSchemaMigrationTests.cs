using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The schema migration tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlSchemaMigrationTests(PostgreSqlServer server) : SchemaMigrationTests(new PostgreSqlTestStorage(server));
