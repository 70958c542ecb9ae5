using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The retention purge tests on a SQLite file.</summary>
public sealed class SqliteRetentionStoreTests() : RetentionStoreTests(new SqliteTestStorage());
