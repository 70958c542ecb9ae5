using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The locker directory tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlLockerDirectoryTests(PostgreSqlServer server) : LockerDirectoryTests(new PostgreSqlTestStorage(server));
