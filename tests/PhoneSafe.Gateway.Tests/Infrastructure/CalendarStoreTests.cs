using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>CalendarStore on a real database, once per provider.</summary>
public abstract class CalendarStoreTests(TestStorage storage) : DatabaseTestBase(storage, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero))
{

    [Fact]
    public async Task Save_TwiceThenGet_ReturnsTheLatestCalendarWhole()
    {
        CalendarStore sut = CreateSut();
        await sut.SaveAsync("s", Policy.TestCalendar.Definition with { ParentNoticeHours = 5 }, TestContext.Current.CancellationToken);
        await sut.SaveAsync("s", Policy.TestCalendar.Definition, TestContext.Current.CancellationToken);

        CalendarDefinition? stored = await sut.GetAsync("s", TestContext.Current.CancellationToken);

        Assert.NotNull(stored);
        Assert.Equal(Policy.TestCalendar.Definition.ParentNoticeHours, stored.ParentNoticeHours);
        Assert.Equal(Policy.TestCalendar.Definition.Terms, stored.Terms);
        Assert.Equal(Policy.TestCalendar.Definition.Closures, stored.Closures);
        Assert.Equal(5, stored.Days.Count);
        Assert.Equal(new TimeOnly(15, 15), stored.Days[0].HomeTime);
        Assert.Null(await sut.GetAsync("other", TestContext.Current.CancellationToken));
        Assert.Equal(["s"], await sut.ListSchoolsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReplaceTimetables_ThenGetAllOrOne_ReturnsLessonsWithNullableColumns()
    {
        CalendarStore sut = CreateSut();
        await sut.ReplaceTimetablesAsync("s", [.. Policy.TestCalendar.Timetable, new TimetableEntry("T2", 1, new TimeWindow(new TimeOnly(9, 0), new TimeOnly(10, 0)), null, null, null)], TestContext.Current.CancellationToken);

        Assert.Equal(3, (await sut.GetTimetableAsync("s", null, TestContext.Current.CancellationToken)).Count);
        TimetableEntry only = Assert.Single(await sut.GetTimetableAsync("s", "T2", TestContext.Current.CancellationToken));
        Assert.Null(only.Room);
    }

    private CalendarStore CreateSut() => Db.Calendars;
}
