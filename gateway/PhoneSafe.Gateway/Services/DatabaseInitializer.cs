using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Creates every store's tables and loads locker keys before anything else starts.
/// </summary>
/// <param name="schema">Every store's tables.</param>
/// <param name="directory">The in-memory locker keys.</param>
public sealed class DatabaseInitializer(DatabaseSchema schema, LockerDirectory directory) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await schema.InitializeAsync(cancellationToken);
        await directory.LoadAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
