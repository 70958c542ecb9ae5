using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The locker directory tests on a SQLite file.</summary>
public sealed class SqliteLockerDirectoryTests() : LockerDirectoryTests(new SqliteTestStorage());
