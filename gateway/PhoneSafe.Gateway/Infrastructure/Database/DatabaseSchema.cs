namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// Brings the database's tables up to date: every registered store's schema, in registration order. The one schema
/// start-up used by the service (<see cref="Services.DatabaseInitializer"/>) and by every command-line verb.
/// </summary>
/// <param name="schemas">Every store that owns tables.</param>
public sealed class DatabaseSchema(IEnumerable<ISchemaInitializer> schemas)
{
    /// <summary>
    /// Creates missing tables and indexes (idempotent).
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (ISchemaInitializer schema in schemas)
        {
            await schema.InitializeAsync(cancellationToken);
        }
    }
}
