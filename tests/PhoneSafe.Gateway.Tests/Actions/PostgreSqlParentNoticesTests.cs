using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Actions;

/// <summary>The parent notice tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlParentNoticesTests(PostgreSqlServer server) : ParentNoticesTests(new PostgreSqlTestStorage(server));
