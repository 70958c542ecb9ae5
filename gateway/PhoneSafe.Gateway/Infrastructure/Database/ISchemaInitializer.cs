namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// A store that owns tables. Every registered initializer runs at start-up, before ingest begins.
/// </summary>
public interface ISchemaInitializer
{
    /// <summary>
    /// Creates the store's tables and indexes when missing (idempotent).
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);
}
