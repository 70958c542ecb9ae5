using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The custody session tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlCustodySessionStoreTests(PostgreSqlServer server) : CustodySessionStoreTests(new PostgreSqlTestStorage(server));
