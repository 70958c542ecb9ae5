using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Policy;

/// <summary>The policy engine tests on a SQLite file.</summary>
public sealed class SqlitePolicyEngineTests() : PolicyEngineTests(new SqliteTestStorage());
