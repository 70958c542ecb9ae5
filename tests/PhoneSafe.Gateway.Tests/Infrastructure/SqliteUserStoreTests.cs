using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The user store tests on a SQLite file.</summary>
public sealed class SqliteUserStoreTests() : UserStoreTests(new SqliteTestStorage());
