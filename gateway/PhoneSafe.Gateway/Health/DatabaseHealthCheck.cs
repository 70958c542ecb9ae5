using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhoneSafe.Gateway.Infrastructure.Database;

namespace PhoneSafe.Gateway.Health;

/// <summary>
/// Unhealthy when the database cannot be reached: opens a connection and runs <c>SELECT 1</c>.
/// </summary>
/// <param name="database">The database.</param>
public sealed class DatabaseHealthCheck(IDatabase database) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using DbConnection connection = await database.OpenAsync(cancellationToken);
            await using DbCommand command = connection.Command("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy(database.Dialect.Name);
        }
        catch (DbException ex)
        {
            // The message stays out of the anonymous answer (it can name hosts); the exception goes to the log.
            return HealthCheckResult.Unhealthy($"{database.Dialect.Name} not reachable", ex);
        }
    }
}
