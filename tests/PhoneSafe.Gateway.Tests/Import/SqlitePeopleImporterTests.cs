using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Import;

/// <summary>The people import tests on a SQLite file.</summary>
public sealed class SqlitePeopleImporterTests() : PeopleImporterTests(new SqliteTestStorage());
