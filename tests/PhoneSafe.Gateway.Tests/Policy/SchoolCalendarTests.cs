using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Tests.Policy;

public sealed class SchoolCalendarTests
{
    [Theory]
    [InlineData("2026-11-25", null)]
    [InlineData("2026-11-28", "weekend")]
    [InlineData("2026-11-29", "weekend")]
    [InlineData("2026-09-01", "outside term")]
    [InlineData("2026-12-21", "outside term")]
    [InlineData("2026-09-02", "inset: staff training")]
    [InlineData("2026-10-27", "half-term")]
    [InlineData("2027-03-26", "bank-holiday: Good Friday")]
    [InlineData("2027-05-03", "bank-holiday: Early May bank holiday")]
    [InlineData("2027-05-04", null)]
    public void ClosedReason_Dates_AreSchoolDaysOnlyInTermOnWeekdaysWithoutClosures(string date, string? expected)
    {
        SchoolCalendar sut = TestCalendar.Create();

        Assert.Equal(expected, sut.ClosedReason(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-10-23T07:50:00Z", true)] // Friday before the clocks go back: BST, 08:50 local
    [InlineData("2026-11-02T07:50:00Z", false)] // Monday after: GMT, 07:50 local
    [InlineData("2026-11-02T08:50:00Z", true)]
    [InlineData("2027-04-12T07:50:00Z", true)] // first Monday of summer term, BST
    [InlineData("2027-04-12T14:20:00Z", false)] // 15:20 BST, after contact time
    [InlineData("2026-11-25T12:30:00Z", false)] // lunch
    public void ContactWindowAt_AcrossClockChanges_UsesLocalTime(string utc, bool inContact)
    {
        SchoolCalendar sut = TestCalendar.Create();

        Assert.Equal(inContact, sut.ContactWindowAt(TestCalendar.Utc(utc), null) is not null);
    }

    [Theory]
    [InlineData("2026-11-25T09:00:00Z", true)] // P1
    [InlineData("2026-11-25T10:00:00Z", false)] // free period: school contact time, not T1's
    [InlineData("2026-11-25T11:30:00Z", true)] // P3
    [InlineData("2026-11-25T14:00:00Z", false)] // no afternoon lessons on Wednesday
    [InlineData("2026-11-26T14:00:00Z", false)] // Thursday: a timetable with no lessons that day
    public void ContactWindowAt_StaffWithTimetable_OnlyLessonsAreContactTime(string utc, bool inContact)
    {
        SchoolCalendar sut = TestCalendar.Create();

        Assert.Equal(inContact, sut.ContactWindowAt(TestCalendar.Utc(utc), "T1") is not null);
    }

    [Theory]
    [InlineData("2026-09-07", "A")]
    [InlineData("2026-09-13", "A")] // Sunday of Week A
    [InlineData("2026-09-14", "B")]
    [InlineData("2026-11-25", "B")] // 11 weeks on, half term included
    [InlineData("2026-09-04", "B")] // the week before
    public void WeekOf_AlternatesFromWeekAStart(string date, string week)
    {
        var sut = new SchoolCalendar(TestCalendar.Definition with { WeekAStart = new DateOnly(2026, 9, 7) }, []);

        Assert.Equal(week, sut.WeekOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ContactWindows_TwoWeekTimetable_EffectiveDatesCoverAndPatterns()
    {
        var lesson = new TimeWindow(new TimeOnly(9, 0), new TimeOnly(10, 0));
        var late = new TimeWindow(new TimeOnly(14, 0), new TimeOnly(15, 0));
        CalendarDefinition definition = TestCalendar.Definition with
        {
            WeekAStart = new DateOnly(2026, 9, 7),
            StaffPatterns = [new StaffPattern("SITE", []), new StaffPattern("PT", [1, 2])],
        };
        var sut = new SchoolCalendar(definition, [
            new TimetableEntry("AB", 3, lesson, "P1", null, null, "A"),
            new TimetableEntry("AB", 3, late, "P5", null, null, "B", TimetableActivity.Duty),
            new TimetableEntry("AB", 3, late, "P5", null, null, null, TimetableActivity.Lesson, null, new DateOnly(2027, 1, 4)),
            new TimetableEntry("NEW", 3, lesson, "P1", null, null, null, TimetableActivity.Lesson, null, new DateOnly(2027, 1, 4)),
            new TimetableEntry("COVER", 3, new TimeWindow(new TimeOnly(15, 30), new TimeOnly(16, 0)), null, "9C", null, null, TimetableActivity.Cover, new DateOnly(2026, 11, 25)),
            new TimetableEntry("PT", 3, late, null, "9C", null, null, TimetableActivity.Cover, new DateOnly(2026, 11, 25)),
        ]);
        string Windows(string date, string person) => string.Join(", ", sut.ContactWindows(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), person).Select(w => $"{w.Start:HH\\:mm}-{w.End:HH\\:mm}"));

        Assert.Equal("14:00-15:00", Windows("2026-11-25", "AB")); // Week B: the duty only
        Assert.Equal("09:00-10:00", Windows("2026-12-02", "AB")); // Week A: the lesson only
        Assert.Equal("08:45-12:15, 13:05-15:15", Windows("2026-12-02", "NEW")); // timetable not yet in force: school windows
        Assert.Equal("09:00-10:00", Windows("2027-01-06", "NEW"));
        Assert.Equal("08:45-12:15, 13:05-15:15, 15:30-16:00", Windows("2026-11-25", "COVER")); // cover after school windows is added
        Assert.Equal(string.Empty, Windows("2026-11-25", "SITE")); // no contact time
        Assert.Equal("14:00-15:00", Windows("2026-11-25", "PT")); // part time, not on Wednesdays: only the cover taken
        Assert.Equal("08:45-12:15, 13:05-15:15", Windows("2026-11-23", "PT"));
    }

    [Fact]
    public void ToUtc_SpringForwardGap_MovesForward()
    {
        SchoolCalendar sut = TestCalendar.Create();

        Assert.Equal(TestCalendar.Utc("2027-03-28T01:30:00Z"), sut.ToUtc(new DateOnly(2027, 3, 28), new TimeOnly(1, 30)));
        Assert.Equal(TestCalendar.Utc("2026-11-02T08:45:00Z"), sut.ToUtc(new DateOnly(2026, 11, 2), new TimeOnly(8, 45)));
        Assert.Equal(TestCalendar.Utc("2026-10-23T07:45:00Z"), sut.ToUtc(new DateOnly(2026, 10, 23), new TimeOnly(8, 45)));
    }
}
