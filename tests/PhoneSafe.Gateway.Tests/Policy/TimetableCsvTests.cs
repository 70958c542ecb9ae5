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
    [InlineData("Staff,Day,Start,End\nABC,Funday,09:00,10:00", "line 2: day 'Funday'")]
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
