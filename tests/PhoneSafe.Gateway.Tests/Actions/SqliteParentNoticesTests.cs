using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Actions;

/// <summary>The parent notice tests on a SQLite file.</summary>
public sealed class SqliteParentNoticesTests() : ParentNoticesTests(new SqliteTestStorage());
