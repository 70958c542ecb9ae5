using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Import;

/// <summary>The people import tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlPeopleImporterTests(PostgreSqlServer server) : PeopleImporterTests(new PostgreSqlTestStorage(server));
