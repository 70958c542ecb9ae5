using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The subject access export tests on a SQLite file.</summary>
public sealed class SqliteSubjectAccessStoreTests() : SubjectAccessStoreTests(new SqliteTestStorage());
