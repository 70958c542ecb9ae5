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
        (IReadOnlyList<long> missing, IReadOnlyList<string> refusals) = await sut.ReviewAsync("s", [flag.Id], FlagStatus.UnderInvestigation, null, "looking", "slt.one", TestContext.Current.CancellationToken);
        Assert.Empty(missing);
        Assert.Empty(refusals);
        Assert.Equal(FlagStatus.UnderInvestigation, (await sut.GetAsync("s", flag.Id, TestContext.Current.CancellationToken))!.Status);
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

    [Fact]
    public async Task Review_SeveralFlags_OneRefused_NoneChange()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        FlagStore sut = CreateSut();
        await sut.CommitAsync(
            [("s", new FlagDraft(FlagKind.DoorForced, "a", null, null, "lk-1", 1, null, Time.GetUtcNow(), "a")),
             ("s", new FlagDraft(FlagKind.DoorForced, "b", null, null, "lk-1", 2, null, Time.GetUtcNow(), "b", SuppressedBy: 4))],
            [], [], null, ct);
        long[] ids = [.. (await sut.ListAsync("s", new FlagFilter(), ct)).Select(f => f.Id)];

        (IReadOnlyList<long> missing, IReadOnlyList<string> refusals) = await sut.ReviewAsync("s", [.. ids, 999], FlagStatus.Resolved, FlagResolution.Explained, "bulk", "slt", ct);
        Assert.Equal([999L], missing);
        (_, refusals) = await sut.ReviewAsync("s", ids, FlagStatus.Resolved, FlagResolution.Explained, "bulk", "slt", ct);
        Assert.Single(refusals); // the suppressed one cannot be resolved directly
        Assert.DoesNotContain(await sut.ListAsync("s", new FlagFilter(), ct), f => f.Status == FlagStatus.Resolved);

        (missing, refusals) = await sut.ReviewAsync("s", ids, FlagStatus.UnderInvestigation, null, "bulk", "slt", ct);
        Assert.Empty(missing);
        Assert.Empty(refusals);
        Assert.All(await sut.ListAsync("s", new FlagFilter(), ct), f => Assert.Equal(FlagStatus.UnderInvestigation, f.Status));
    }

    [Fact]
    public async Task CloseExpired_ClosesOnlyOpenFlagsOfTheKindBeforeTheCutOff()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        FlagStore sut = CreateSut();
        DateTimeOffset now = Time.GetUtcNow();
        await sut.CommitAsync(
            [("s", new FlagDraft(FlagKind.LockerOffline, "old", null, null, "lk-1", null, null, now.AddDays(-8), "old")),
             ("s", new FlagDraft(FlagKind.LockerOffline, "new", null, null, "lk-1", null, null, now.AddDays(-1), "new")),
             ("s", new FlagDraft(FlagKind.DoorForced, "breach", null, null, "lk-1", 1, null, now.AddDays(-30), "breach"))],
            [], [], null, ct);

        Assert.Equal(1, await sut.CloseExpiredAsync(FlagKind.LockerOffline, now.AddDays(-7), "rule", ct));
        Assert.Equal(0, await sut.CloseExpiredAsync(FlagKind.LockerOffline, now.AddDays(-7), "rule", ct));

        Flag closed = Assert.Single(await sut.ListAsync("s", new FlagFilter(Status: FlagStatus.Resolved), ct));
        Assert.Equal(("old", FlagResolution.Expired), (closed.Detail, closed.Resolution));
        Assert.Equal(FlagStore.SystemActor, (await sut.GetHistoryAsync(closed.Id, ct))[^1].By);
    }

    [Fact]
    public async Task Commit_RefreshableSummary_UpdatesDetailWhileOpen_NotAfterReview()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        FlagStore sut = CreateSut();
        FlagDraft Summary(string detail) => new(FlagKind.NoDepositByContactTime, "no-deposit:2026-11-25", null, null, null, null, null, Time.GetUtcNow(), detail, Refreshable: true);

        Assert.Equal(1, await sut.CommitAsync([("s", Summary("one"))], [], [], null, ct));
        Assert.Equal(0, await sut.CommitAsync([("s", Summary("one"))], [], [], null, ct));
        Assert.Equal(1, await sut.CommitAsync([("s", Summary("one, two"))], [], [], null, ct));
        Flag flag = Assert.Single(await sut.ListAsync("s", new FlagFilter(), ct));
        Assert.Equal("one, two", flag.Detail);

        await sut.ReviewAsync("s", [flag.Id], FlagStatus.UnderInvestigation, null, "asked", "slt", ct);
        Assert.Equal(0, await sut.CommitAsync([("s", Summary("one, two, three"))], [], [], null, ct));
        Assert.Equal("one, two", (await sut.GetAsync("s", flag.Id, ct))!.Detail);
    }

    private FlagStore CreateSut() => Db.Flags;
}
