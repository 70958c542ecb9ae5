using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Policy;

/// <summary>The policy engine tests on a fresh PostgreSQL database.</summary>
public sealed class PostgreSqlPolicyEngineTests(PostgreSqlServer server) : PolicyEngineTests(new PostgreSqlTestStorage(server));
