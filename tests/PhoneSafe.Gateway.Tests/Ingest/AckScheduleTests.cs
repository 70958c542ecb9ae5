using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;

namespace PhoneSafe.Gateway.Tests.Ingest;

public sealed class AckScheduleTests
{
    private static readonly long HoldMs = (long)AckSchedule.Hold.TotalMilliseconds;

    private static AckPoint[] Points(string prefix, int lockers, long sequence) =>
        Enumerable.Range(0, lockers).Select(i => new AckPoint("school", $"{prefix}-{i}", sequence)).ToArray();

    private static List<AckPoint> Take(AckSchedule schedule, long now, out TimeSpan? held)
    {
        var round = new List<AckPoint>();
        held = schedule.TakeDue(now, round);
        return round;
    }

    [Fact]
    public void TakeDue_KeepsOnlyTheHighestPointPerLocker()
    {
        var sut = new AckSchedule();
        sut.Owe([new AckPoint("school", "lk-1", 5), new AckPoint("school", "lk-2", 3)]);
        sut.Owe([new AckPoint("school", "lk-1", 9), new AckPoint("school", "lk-1", 7)]);

        List<AckPoint> round = Take(sut, 0, out TimeSpan? held);

        Assert.Equal([new AckPoint("school", "lk-1", 9), new AckPoint("school", "lk-2", 3)], round.OrderBy(a => a.Locker));
        Assert.Null(held);
        Assert.Empty(Take(sut, 0, out _));
    }

    [Fact]
    public void TakeDue_FewLockers_AcknowledgesEveryCommitAtOnce()
    {
        // At or below the fan-in threshold nothing is held, however recent the last ack: latency stays one commit.
        var sut = new AckSchedule();
        sut.Owe(Points("lk", AckSchedule.FanIn, 1));
        Take(sut, 0, out _);

        sut.Owe(Points("lk", AckSchedule.FanIn, 2));
        List<AckPoint> round = Take(sut, 1, out TimeSpan? held);

        Assert.Equal(AckSchedule.FanIn, round.Count);
        Assert.All(round, a => Assert.Equal(2, a.Sequence));
        Assert.Null(held);
    }

    [Fact]
    public void TakeDue_FanIn_HoldsRecentlyAcknowledgedLockersUntilTheHoldEnds()
    {
        var sut = new AckSchedule();
        int lockers = AckSchedule.FanIn + 1;
        sut.Owe(Points("lk", lockers, 1));
        Assert.Equal(lockers, Take(sut, 1_000, out _).Count);

        sut.Owe(Points("lk", lockers, 2));
        List<AckPoint> early = Take(sut, 1_000 + 10, out TimeSpan? held);
        sut.Owe(Points("lk", lockers, 3));
        List<AckPoint> stillHeld = Take(sut, 1_000 + HoldMs - 1, out _);
        List<AckPoint> due = Take(sut, 1_000 + HoldMs, out TimeSpan? afterwards);

        Assert.Empty(early);
        Assert.Equal(TimeSpan.FromMilliseconds(HoldMs - 10), held);
        Assert.Empty(stillHeld);
        Assert.Equal(lockers, due.Count);
        Assert.All(due, a => Assert.Equal(3, a.Sequence));
        Assert.Null(afterwards);
    }

    [Fact]
    public void TakeDue_FanIn_ReleasesALockerThatAdvancedHalfItsSendWindow()
    {
        // Holding a locker whose point moved on by Advance would leave it short of window space: it goes at once.
        var sut = new AckSchedule();
        int lockers = AckSchedule.FanIn + 1;
        sut.Owe(Points("lk", lockers, 10));
        Take(sut, 0, out _);

        sut.Owe(Points("lk", lockers, 11));
        sut.Owe([new AckPoint("school", "lk-0", 10 + AckSchedule.Advance)]);
        List<AckPoint> round = Take(sut, 5, out TimeSpan? held);

        Assert.Equal([new AckPoint("school", "lk-0", 10 + AckSchedule.Advance)], round);
        Assert.Equal(TimeSpan.FromMilliseconds(HoldMs - 5), held);
    }

    [Fact]
    public void TakeDue_FanIn_NeverHoldsALockerSeenForTheFirstTime()
    {
        var sut = new AckSchedule();
        sut.Owe(Points("old", AckSchedule.FanIn + 1, 1));
        Take(sut, 0, out _);

        sut.Owe(Points("old", AckSchedule.FanIn + 1, 2));
        sut.Owe([new AckPoint("school", "new", 1)]);
        List<AckPoint> round = Take(sut, 1, out _);

        Assert.Equal([new AckPoint("school", "new", 1)], round);
    }
}
