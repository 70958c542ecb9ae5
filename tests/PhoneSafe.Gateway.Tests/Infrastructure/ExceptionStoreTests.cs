using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>ExceptionStore on a real database, once per provider.</summary>
public abstract class ExceptionStoreTests(TestStorage storage) : DatabaseTestBase(storage, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero))
{

    [Fact]
    public async Task Add_ThenListFiltered_ReturnsOnlyThoseCoveringTheDate()
    {
        ExceptionStore sut = CreateSut();
        await sut.AddAsync("s", ExceptionKind.Trip, ["P1", "P2"], new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 26), "Mr Lead", "museum", "office", TestContext.Current.CancellationToken);
        await sut.AddAsync("s", ExceptionKind.SltAgreed, ["T1"], new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1), "Mrs Head", "cover", "office", TestContext.Current.CancellationToken);

        Assert.Equal(3, (await sut.ListAsync("s", null, null, null, TestContext.Current.CancellationToken)).Count);
        Assert.Equal(2, (await sut.ListAsync("s", null, null, new DateOnly(2026, 11, 25), TestContext.Current.CancellationToken)).Count);
        PolicyException one = Assert.Single(await sut.ListAsync("s", ExceptionKind.Trip, "P2", null, TestContext.Current.CancellationToken));
        Assert.True(one.Id > 0);
        Assert.Empty(await sut.ListAsync("other", null, null, null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AddNotice_ThenList_KeepsParentRequestedAndNote()
    {
        ExceptionStore sut = CreateSut();
        ParentNotice stored = await sut.AddNoticeAsync(new ParentNotice(0, "s", "P1", Time.GetUtcNow(), "Mrs Office", "phone", true, null, default), TestContext.Current.CancellationToken);

        ParentNotice read = Assert.Single(await sut.ListNoticesAsync("s", "P1", TestContext.Current.CancellationToken));
        Assert.Equal(stored.Id, read.Id);
        Assert.True(read.ParentRequested);
        Assert.Null(read.Note);
        Assert.Single(await sut.ListNoticesAsync("s", null, TestContext.Current.CancellationToken));
    }

    private ExceptionStore CreateSut() => Db.Exceptions;
}
