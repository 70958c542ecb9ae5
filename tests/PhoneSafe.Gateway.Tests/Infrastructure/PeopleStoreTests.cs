using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>
/// People and credentials against a real database; run once per provider by <see cref="SqlitePeopleStoreTests"/>
/// and <see cref="PostgreSqlPeopleStoreTests"/>.
/// </summary>
public abstract class PeopleStoreTests(TestStorage storage) : IAsyncLifetime
{
    private PeopleStore _sut = null!;

    public async ValueTask InitializeAsync()
    {
        await storage.CreateAsync();
        _sut = CreateSut();
        await _sut.InitializeAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await storage.DisposeAsync();
        GC.SuppressFinalize(this);
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

    [Fact]
    public async Task List_AnyKind_ReturnsOnlyThatSchoolsPeople()
    {
        await _sut.UpsertAsync(new Person("s", "T001", PersonKind.Staff, "A Teacher"), TestContext.Current.CancellationToken);
        await _sut.UpsertAsync(new Person("other-school", "T002", PersonKind.Staff, "B Teacher"), TestContext.Current.CancellationToken);

        Person person = Assert.Single(await _sut.ListAsync("s", null, TestContext.Current.CancellationToken));
        Assert.Equal("T001", person.PersonId);
    }

    private PeopleStore CreateSut() => new(storage.Open(), TimeProvider.System);
}
