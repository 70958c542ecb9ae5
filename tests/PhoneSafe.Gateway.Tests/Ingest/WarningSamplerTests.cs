using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Gateway.Ingest;

namespace PhoneSafe.Gateway.Tests.Ingest;

/// <summary>A flood of refused messages gives a warning a minute per reason, with the count held back.</summary>
public sealed class WarningSamplerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ShouldLog_ThousandsOfTheSameReasonInAMinute_LogsOnceThenReportsTheHeldBackCount()
    {
        var sut = CreateSut();

        int logged = Enumerable.Range(0, 5_000).Count(_ => sut.ShouldLog("bad-mac", out long _));
        bool other = sut.ShouldLog("replayed", out long _);
        _time.Advance(WarningSampler.Interval);
        bool next = sut.ShouldLog("bad-mac", out long heldBack);

        Assert.Equal(1, logged);
        Assert.True(other);
        Assert.True(next);
        Assert.Equal(4_999, heldBack);
    }

    private WarningSampler CreateSut() => new(_time);
}
