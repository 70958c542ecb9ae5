using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Actions;

/// <summary>The staff and office action tests on a SQLite file.</summary>
public sealed class SqliteStaffAndOfficeActionsTests() : StaffAndOfficeActionsTests(new SqliteTestStorage());
