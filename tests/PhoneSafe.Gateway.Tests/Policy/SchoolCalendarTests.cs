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

    [Fact]
    public void ToUtc_SpringForwardGap_MovesForward()
    {
        SchoolCalendar sut = TestCalendar.Create();

        Assert.Equal(TestCalendar.Utc("2027-03-28T01:30:00Z"), sut.ToUtc(new DateOnly(2027, 3, 28), new TimeOnly(1, 30)));
        Assert.Equal(TestCalendar.Utc("2026-11-02T08:45:00Z"), sut.ToUtc(new DateOnly(2026, 11, 2), new TimeOnly(8, 45)));
        Assert.Equal(TestCalendar.Utc("2026-10-23T07:45:00Z"), sut.ToUtc(new DateOnly(2026, 10, 23), new TimeOnly(8, 45)));
    }
}
