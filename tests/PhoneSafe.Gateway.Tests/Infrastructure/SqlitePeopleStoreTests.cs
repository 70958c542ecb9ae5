using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The people store tests on a SQLite file.</summary>
public sealed class SqlitePeopleStoreTests() : PeopleStoreTests(new SqliteTestStorage());
