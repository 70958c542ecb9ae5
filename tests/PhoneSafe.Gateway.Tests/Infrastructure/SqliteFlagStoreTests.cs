using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The flag store tests on a SQLite file.</summary>
public sealed class SqliteFlagStoreTests() : FlagStoreTests(new SqliteTestStorage());
