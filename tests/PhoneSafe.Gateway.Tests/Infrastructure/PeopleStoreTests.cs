using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting.Internal;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

public sealed class PeopleStoreTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("phonesafe-people-").FullName;
    private PeopleStore _sut = null!;

    public async ValueTask InitializeAsync()
    {
        _sut = new PeopleStore(
            new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = Path.Combine(_directory, "people.db") }), new HostingEnvironment { ContentRootPath = _directory }),
            TimeProvider.System);
        await _sut.InitializeAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Upsert_SamePersonTwice_IsNewOnlyTheFirstTimeAndKeepsLatestDetails()
    {
        Assert.True(await _sut.UpsertAsync(new Person("s", "T001", PersonKind.Staff, "A Teacher", "Maths"), TestContext.Current.CancellationToken));
        Assert.False(await _sut.UpsertAsync(new Person("s", "T001", PersonKind.Staff, "A. Teacher", "Science"), TestContext.Current.CancellationToken));

        Person person = Assert.Single(await _sut.ListAsync("s", PersonKind.Staff, TestContext.Current.CancellationToken));
        Assert.Equal("Science", person.Department);
        Assert.Empty(await _sut.ListAsync("s", PersonKind.Pupil, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FindByCredential_LinkedHash_ReturnsPerson_UnknownHashReturnsNull()
    {
        await _sut.UpsertAsync(new Person("s", "P042", PersonKind.Pupil, "A Pupil", Group: "7B"), TestContext.Current.CancellationToken);
        await _sut.LinkCredentialAsync("s", new string('b', 32), "P042", TestContext.Current.CancellationToken);

        Assert.Equal("P042", (await _sut.FindByCredentialAsync("s", new string('b', 32), TestContext.Current.CancellationToken))?.PersonId);
        Assert.Null(await _sut.FindByCredentialAsync("s", new string('c', 32), TestContext.Current.CancellationToken));
        Assert.Null(await _sut.FindByCredentialAsync("other-school", new string('b', 32), TestContext.Current.CancellationToken));
    }
}
