using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The people store tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlPeopleStoreTests(PostgreSqlServer server) : PeopleStoreTests(new PostgreSqlTestStorage(server));
