using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Enrolment;

/// <summary>The card enrolment tests on a SQLite file.</summary>
public sealed class SqliteCardEnrolmentTests() : CardEnrolmentTests(new SqliteTestStorage());
