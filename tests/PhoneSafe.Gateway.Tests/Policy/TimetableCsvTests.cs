using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Tests.Policy;

public sealed class TimetableCsvTests
{
    [Fact]
    public void Parse_MisExport_ReadsLessonsWithLooseHeaders()
    {
        const string Csv = "\uFEFFStaff Code,Day,Period,Start Time,End Time,Class,Room\r\nABC,Mon,P1,08:45,09:45,\"7A, set 2\",S1\r\nABC,Wednesday,P2,9:45,10:45,,\r\nXYZ,5 ,P6,14:15,15:15,11C,L2\r\n";

        (IReadOnlyList<TimetableEntry> entries, IReadOnlyList<string> errors) = TimetableCsv.Parse(Csv);

        Assert.Empty(errors);
        Assert.Equal(3, entries.Count);
        Assert.Equal(new TimetableEntry("ABC", 1, new TimeWindow(new TimeOnly(8, 45), new TimeOnly(9, 45)), "P1", "7A, set 2", "S1"), entries[0]);
        Assert.Equal(3, entries[1].Weekday);
        Assert.Null(entries[1].ClassName);
        Assert.Equal(5, entries[2].Weekday);
    }

    [Theory]
    [InlineData("Mon", 1, null)]
    [InlineData("Monday", 1, null)]
    [InlineData("Mon A", 1, "A")]
    [InlineData("MonB", 1, "B")]
    [InlineData("Wednesday Week B", 3, "B")]
    [InlineData("Fri-A", 5, "A")]
    [InlineData("2A", 2, "A")]
    [InlineData("thurs wk a", 4, "A")]
    [InlineData("Mon C", 0, null)]
    [InlineData("Mo", 0, null)]
    [InlineData("8", 0, null)]
    public void ParseDay_WithWeekOfTheCycle(string text, int weekday, string? week)
    {
        (int Weekday, string? Week)? day = TimetableCsv.ParseDay(text);

        Assert.Equal(weekday == 0 ? null : (weekday, week), day);
    }

    [Fact]
    public void Parse_SimsStyleTwoWeekExport_KeepsWeeksApart_ImportsFormDutyCover_SkipsPpa()
    {
        const string Csv = """
            Staff Code,Day,Period,Start,End,Class,Room,Activity,Date
            ABC,Mon A,P1,08:45,09:45,7A,S1,Lesson,
            ABC,Mon B,P1,08:45,09:45,8B,S1,Lesson,
            ABC,Mon A,REG,08:30,08:45,7T,S1,Tutor,
            ABC,Tue A,L,12:30,13:00,,Yard,Lunch duty,
            ABC,Tue A,P2,09:45,10:45,,,PPA,
            ABC,Thu,P4,11:30,12:30,9C,L2,Cover,03/12/2026
            """;

        (IReadOnlyList<TimetableEntry> entries, IReadOnlyList<string> errors) = TimetableCsv.Parse(Csv);

        Assert.Empty(errors);
        Assert.Equal(["A lesson", "B lesson", "A form", "A duty", " cover"], entries.Select(e => e.Week + " " + e.Activity));
        Assert.Equal(new DateOnly(2026, 12, 3), entries[^1].Date);
    }

    [Theory]
    [InlineData("Staff,Day,Start,End\nABC,Funday,09:00,10:00", "line 2: day 'Funday'")]
    [InlineData("Staff,Day,Week,Start,End\nABC,Mon,C,09:00,10:00", "line 2: week 'C'")]
    [InlineData("Staff,Day,Type,Start,End\nABC,Mon,Assembly,09:00,10:00", "line 2: activity 'Assembly'")]
    [InlineData("Staff,Day,Date,Start,End\nABC,Mon,2026-12-03,09:00,10:00", "line 2: date 2026-12-03 is not a Mon")]
    [InlineData("Staff,Day,Start,End\nABC,Mon,9am,10:00", "line 2: start '9am'")]
    [InlineData("Staff,Day,Start,End\nABC,Mon,10:00,09:00", "line 2: the lesson ends before it starts")]
    [InlineData("Staff,Day,Start,End\n,Mon,09:00,10:00", "line 2: no staff code")]
    [InlineData("Teacher,Start,End\nABC,09:00,10:00", "line 1: no day column")]
    [InlineData("", "the file is empty")]
    public void Parse_BadInput_ReportsTheLine(string csv, string expected)
    {
        (_, IReadOnlyList<string> errors) = TimetableCsv.Parse(csv);

        Assert.StartsWith(expected, Assert.Single(errors), StringComparison.Ordinal);
    }
}
