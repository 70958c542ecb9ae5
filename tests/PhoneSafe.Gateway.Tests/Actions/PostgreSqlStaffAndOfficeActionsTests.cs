using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Actions;

/// <summary>The staff and office action tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlStaffAndOfficeActionsTests(PostgreSqlServer server) : StaffAndOfficeActionsTests(new PostgreSqlTestStorage(server));
