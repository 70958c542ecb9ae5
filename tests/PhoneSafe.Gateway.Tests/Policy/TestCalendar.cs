using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Tests.Policy;

/// <summary>
/// A 2026/27 calendar of an English school: terms, half term, INSET days and bank holidays as published for
/// England and Wales (Good Friday 26 March 2027, early May bank holiday 3 May 2027). BST ends on Sunday
/// 25 October 2026 and starts on Sunday 28 March 2027.
/// </summary>
internal static class TestCalendar
{
    public static readonly CalendarDefinition Definition = new(
        CalendarDefinition.DefaultTimeZoneId,
        [
            new Term("Autumn", new DateOnly(2026, 9, 2), new DateOnly(2026, 12, 18)),
            new Term("Spring", new DateOnly(2027, 1, 4), new DateOnly(2027, 3, 26)),
            new Term("Summer", new DateOnly(2027, 4, 12), new DateOnly(2027, 7, 21)),
        ],
        [
            new Closure(new DateOnly(2026, 9, 2), new DateOnly(2026, 9, 2), ClosureKind.Inset, "staff training"),
            new Closure(new DateOnly(2026, 10, 26), new DateOnly(2026, 10, 30), ClosureKind.HalfTerm, null),
            new Closure(new DateOnly(2027, 3, 26), new DateOnly(2027, 3, 26), ClosureKind.BankHoliday, "Good Friday"),
            new Closure(new DateOnly(2027, 5, 3), new DateOnly(2027, 5, 3), ClosureKind.BankHoliday, "Early May bank holiday"),
        ],
        CalendarDefinition.DefaultDays,
        CalendarDefinition.DefaultParentNoticeHours);

    /// <summary>Mr Teacher (T1) has a timetable on Wednesdays: P1 08:45–09:45 and P3 11:00–12:00 only.</summary>
    public static readonly IReadOnlyList<TimetableEntry> Timetable =
    [
        new("T1", 3, new TimeWindow(new TimeOnly(8, 45), new TimeOnly(9, 45)), "P1", "7A", "S1"),
        new("T1", 3, new TimeWindow(new TimeOnly(11, 0), new TimeOnly(12, 0)), "P3", "8B", "S1"),
    ];

    public static SchoolCalendar Create() => new(Definition, Timetable);

    public static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
