using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The ledger store tests on a SQLite file.</summary>
public sealed class SqliteLedgerStoreTests() : LedgerStoreTests(new SqliteTestStorage());
