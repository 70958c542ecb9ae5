using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The ledger store tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlLedgerStoreTests(PostgreSqlServer server) : LedgerStoreTests(new PostgreSqlTestStorage(server));
