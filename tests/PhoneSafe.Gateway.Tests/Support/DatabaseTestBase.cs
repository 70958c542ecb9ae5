using Microsoft.Extensions.Time.Testing;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// A store test on a real database (a fresh SQLite file or PostgreSQL database per test) with a fake clock.
/// </summary>
/// <param name="storage">The provider the concrete subclass runs on.</param>
/// <param name="now">The fake clock's start.</param>
public abstract class DatabaseTestBase(TestStorage storage, DateTimeOffset now) : IAsyncLifetime
{
    protected FakeTimeProvider Time { get; } = new(now);

    protected TestStorage Storage { get; } = storage;

    protected TestDatabase Db { get; set; } = null!;

    public virtual async ValueTask InitializeAsync() => Db = await TestDatabase.CreateAsync(Storage, Time);

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
