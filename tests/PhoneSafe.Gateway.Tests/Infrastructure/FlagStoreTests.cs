using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>FlagStore on a real database, once per provider.</summary>
public abstract class FlagStoreTests(TestStorage storage) : DatabaseTestBase(storage, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero))
{

    [Fact]
    public async Task Commit_SameDedupeKeyTwice_RaisesOnce_ReviewRecordsHistory()
    {
        FlagStore sut = CreateSut();
        var draft = new FlagDraft(FlagKind.DoorForced, "k1", null, null, "lk-1", 2, 7, Time.GetUtcNow(), "door forced");
        IntakeDeadline deadline = new("s", 9, Time.GetUtcNow().AddHours(2));

        Assert.Equal(1, await sut.CommitAsync([("s", draft)], [deadline], [], 7, TestContext.Current.CancellationToken));
        Assert.Equal(0, await sut.CommitAsync([("s", draft)], [deadline], [], 8, TestContext.Current.CancellationToken));

        Assert.Equal(8, await sut.GetLastEvaluatedAsync(TestContext.Current.CancellationToken));
        Flag flag = Assert.Single(await sut.ListAsync("s", new FlagFilter(), TestContext.Current.CancellationToken));
        Assert.Empty(await sut.ListAsync("s", new FlagFilter(Status: FlagStatus.Resolved, FromUtc: Time.GetUtcNow().AddDays(-1), ToUtc: Time.GetUtcNow().AddDays(1)), TestContext.Current.CancellationToken));
        (Flag? reviewed, string? error) = await sut.ReviewAsync("s", flag.Id, FlagStatus.UnderInvestigation, null, "looking", "slt.one", TestContext.Current.CancellationToken);
        Assert.Null(error);
        Assert.Equal(FlagStatus.UnderInvestigation, reviewed!.Status);
        Assert.Equal([null, FlagStatus.Open], (await sut.GetHistoryAsync(flag.Id, TestContext.Current.CancellationToken)).Select(h => h.FromStatus));
    }

    [Fact]
    public async Task DueDeadlines_DoneOnes_AreNotDueAgain()
    {
        FlagStore sut = CreateSut();
        await sut.CommitAsync([], [new IntakeDeadline("s", 1, Time.GetUtcNow()), new IntakeDeadline("s", 2, Time.GetUtcNow().AddHours(5))], [], null, TestContext.Current.CancellationToken);
        Assert.Equal([1L], (await sut.GetDueDeadlinesAsync(Time.GetUtcNow(), TestContext.Current.CancellationToken)).Select(d => d.EventId));

        await sut.CommitAsync([], [], [("s", 1)], null, TestContext.Current.CancellationToken);

        Assert.Empty(await sut.GetDueDeadlinesAsync(Time.GetUtcNow(), TestContext.Current.CancellationToken));
    }

    private FlagStore CreateSut() => Db.Flags;
}
