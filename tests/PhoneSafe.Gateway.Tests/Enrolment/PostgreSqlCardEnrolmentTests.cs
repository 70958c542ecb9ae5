using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Enrolment;

/// <summary>The card enrolment tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlCardEnrolmentTests(PostgreSqlServer server) : CardEnrolmentTests(new PostgreSqlTestStorage(server));
