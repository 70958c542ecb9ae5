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
