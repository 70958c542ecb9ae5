using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The custody session tests on a SQLite file.</summary>
public sealed class SqliteCustodySessionStoreTests() : CustodySessionStoreTests(new SqliteTestStorage());
