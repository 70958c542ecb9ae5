using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The schema migration tests on a fresh SQLite file.</summary>
public sealed class SqliteSchemaMigrationTests() : SchemaMigrationTests(new SqliteTestStorage());
