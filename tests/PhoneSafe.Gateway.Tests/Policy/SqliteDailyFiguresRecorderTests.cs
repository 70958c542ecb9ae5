using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Policy;

/// <summary>The daily figures tests on a SQLite file.</summary>
public sealed class SqliteDailyFiguresRecorderTests() : DailyFiguresRecorderTests(new SqliteTestStorage());
