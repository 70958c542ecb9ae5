using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Creates the ledger schema and loads locker keys before anything else starts.
/// </summary>
/// <param name="store">The ledger.</param>
/// <param name="directory">The in-memory locker keys.</param>
public sealed class LedgerInitializer(ILedgerStore store, LockerDirectory directory) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await directory.LoadAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
