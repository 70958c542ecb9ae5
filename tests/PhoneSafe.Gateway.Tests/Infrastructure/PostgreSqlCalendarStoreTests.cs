using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The calendar store tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlCalendarStoreTests(PostgreSqlServer server) : CalendarStoreTests(new PostgreSqlTestStorage(server));
