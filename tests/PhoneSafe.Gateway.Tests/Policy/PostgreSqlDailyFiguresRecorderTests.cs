using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Policy;

/// <summary>The daily figures tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlDailyFiguresRecorderTests(PostgreSqlServer server) : DailyFiguresRecorderTests(new PostgreSqlTestStorage(server));
