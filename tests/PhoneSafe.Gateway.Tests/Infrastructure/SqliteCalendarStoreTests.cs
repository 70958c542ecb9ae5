using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The calendar store tests on a SQLite file.</summary>
public sealed class SqliteCalendarStoreTests() : CalendarStoreTests(new SqliteTestStorage());
