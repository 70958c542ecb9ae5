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
        await sut.ReplaceTimetablesAsync("s", [.. Policy.TestCalendar.Timetable, new TimetableEntry("T2", 1, new TimeWindow(new TimeOnly(9, 0), new TimeOnly(10, 0)), null, null, null)], null, null, TestContext.Current.CancellationToken);

        Assert.Equal(3, (await sut.GetTimetableAsync("s", null, TestContext.Current.CancellationToken)).Count);
        TimetableEntry only = Assert.Single(await sut.GetTimetableAsync("s", "T2", TestContext.Current.CancellationToken));
        Assert.Null(only.Room);
    }

    [Fact]
    public async Task Save_WeekAStartAndPatterns_RoundTrip()
    {
        CalendarStore sut = CreateSut();
        CalendarDefinition definition = Policy.TestCalendar.Definition with
        {
            WeekAStart = new DateOnly(2026, 9, 7),
            StaffPatterns = [new StaffPattern("SITE1", []), new StaffPattern("PT1", [1, 2])],
        };

        await sut.SaveAsync("s", definition, TestContext.Current.CancellationToken);
        CalendarDefinition stored = (await sut.GetAsync("s", TestContext.Current.CancellationToken))!;

        Assert.Equal(new DateOnly(2026, 9, 7), stored.WeekAStart);
        Assert.Equal(["PT1 1,2", "SITE1 "], stored.StaffPatterns!.Select(p => p.PersonId + " " + string.Join(',', p.Weekdays)));
    }

    [Fact]
    public async Task ReplaceTimetables_FromADate_EndsTheOldOne_KeepsCover()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        CalendarStore sut = CreateSut();
        var lesson = new TimeWindow(new TimeOnly(9, 0), new TimeOnly(10, 0));
        await sut.ReplaceTimetablesAsync("s", [new TimetableEntry("T1", 1, lesson, "P1", null, null, "A")], null, null, ct);
        await sut.ReplaceTimetablesAsync("s", [new TimetableEntry("T1", 4, lesson, null, "9C", null, null, TimetableActivity.Cover, new DateOnly(2026, 12, 3))], null, null, ct);
        await sut.ReplaceTimetablesAsync("s", [new TimetableEntry("T1", 2, lesson, "P1", null, null, null, TimetableActivity.Duty)], new DateOnly(2027, 1, 4), null, ct);
        await sut.ReplaceTimetablesAsync("s", [new TimetableEntry("T1", 3, lesson, "P1", null, null)], new DateOnly(2027, 1, 4), new DateOnly(2027, 3, 26), ct);

        List<TimetableEntry> all = await sut.GetTimetableAsync("s", "T1", ct);

        Assert.Equal(3, all.Count); // the duty from 4 January was replaced by the import with the same start
        TimetableEntry old = Assert.Single(all, e => e.Weekday == 1);
        Assert.Equal(("A", (DateOnly?)new DateOnly(2027, 1, 3)), (old.Week, old.ValidTo));
        TimetableEntry spring = Assert.Single(all, e => e.Weekday == 3);
        Assert.Equal((new DateOnly(2027, 1, 4), new DateOnly(2027, 3, 26)), (spring.ValidFrom!.Value, spring.ValidTo!.Value));
        TimetableEntry cover = Assert.Single(all, e => e.Date is not null);
        Assert.Equal((TimetableActivity.Cover, "9C", (DateOnly?)null), (cover.Activity, cover.ClassName, cover.ValidTo));
    }

    private CalendarStore CreateSut() => Db.Calendars;
}
