using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The exception store tests on a SQLite file.</summary>
public sealed class SqliteExceptionStoreTests() : ExceptionStoreTests(new SqliteTestStorage());
