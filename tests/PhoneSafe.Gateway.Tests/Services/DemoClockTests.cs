using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Tests.Services;

public sealed class DemoClockTests
{
    private static readonly TimeZoneInfo s_london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Theory]
    [InlineData("2026-12-05T22:00:00Z", "2026-12-04")] // Saturday evening
    [InlineData("2026-12-06T09:00:00Z", "2026-12-04")] // Sunday
    [InlineData("2026-12-07T00:30:00Z", "2026-12-07")] // Monday, just after midnight
    [InlineData("2026-12-04T15:00:00Z", "2026-12-04")] // Friday
    public void PlayedDate_WeekendPlaysTheFridayBefore_WeekdayItself(string realUtc, string played)
    {
        var real = new FakeTimeProvider(DateTimeOffset.Parse(realUtc, System.Globalization.CultureInfo.InvariantCulture));

        var sut = new DemoClock(real, s_london);

        Assert.Equal(DateOnly.Parse(played, System.Globalization.CultureInfo.InvariantCulture), sut.PlayedDate);
        Assert.Equal(sut.PlayedDate != sut.RealDate, sut.IsShifted);
        Assert.Equal(sut.PlayedDate, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(sut.GetUtcNow(), s_london).DateTime));
        Assert.Equal(real.GetUtcNow().TimeOfDay, sut.GetUtcNow().TimeOfDay);
        sut.RunInRealTime();
        Assert.Equal(sut.GetUtcNow(), sut.Played.GetUtcNow());
    }

    [Fact]
    public void Played_BeforeAndWhileTheLockersPlay_StartOfThePlayedDayThenTheirTime()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 11, 0, 0, TimeSpan.Zero)); // a Wednesday, after 08:45
        var sut = new DemoClock(real, s_london);

        // Nothing is due at midnight: no deposit can be missing before the lockers have played the morning.
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero), sut.Played.GetUtcNow());

        var lockers = new DateTime(2026, 11, 18, 7, 30, 0, DateTimeKind.Utc);
        sut.Follow(() => lockers);
        Assert.Equal(new DateTimeOffset(lockers), sut.Played.GetUtcNow());
        lockers = lockers.AddHours(2);
        Assert.Equal(new DateTimeOffset(lockers), sut.Played.GetUtcNow());
        Assert.Equal(real.GetUtcNow(), sut.GetUtcNow()); // sign-in and the pages keep the real time
    }

    [Fact]
    public void HistoryDays_FourWeeksBeforeAMonday_TwentyWeekdaysOldestFirst()
    {
        IReadOnlyList<DateOnly> days = DemoSchoolService.HistoryDays(new DateOnly(2026, 12, 7), 4);

        Assert.Equal(20, days.Count);
        Assert.Equal(new DateOnly(2026, 11, 9), days[0]);
        Assert.Equal(new DateOnly(2026, 12, 4), days[^1]);
        Assert.DoesNotContain(days, d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }
}
