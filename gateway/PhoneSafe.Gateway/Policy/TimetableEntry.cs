namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// One timetabled activity of a member of staff, as an MIS timetable export lists it: a lesson, form time or a duty
/// each week (or each Week A or Week B of a two-week cycle), or a cover lesson on one date. All of them are contact time.
/// </summary>
/// <param name="PersonId">Staff code (the person's identifier in the people table).</param>
/// <param name="Weekday">ISO weekday: 1 = Monday to 7 = Sunday.</param>
/// <param name="Lesson">Local start and end.</param>
/// <param name="Period">Period label such as "P3", or null.</param>
/// <param name="ClassName">Class or group taught, or null.</param>
/// <param name="Room">Room, or null.</param>
/// <param name="Week">"A" or "B" in a two-week cycle, or null for every week.</param>
/// <param name="Activity">A <see cref="TimetableActivity"/> word.</param>
/// <param name="Date">The one date of a cover lesson, or null for a weekly entry.</param>
/// <param name="ValidFrom">First day the entry applies (its timetable's effective date), or null.</param>
/// <param name="ValidTo">Last day the entry applies, or null for open-ended.</param>
public sealed record TimetableEntry(
    string PersonId,
    int Weekday,
    TimeWindow Lesson,
    string? Period,
    string? ClassName,
    string? Room,
    string? Week = null,
    string Activity = TimetableActivity.Lesson,
    DateOnly? Date = null,
    DateOnly? ValidFrom = null,
    DateOnly? ValidTo = null)
{
    /// <summary>
    /// Tells whether the entry is timetabled on a date.
    /// </summary>
    /// <param name="date">Local date.</param>
    /// <param name="week">The date's cycle week ("A", "B") or null when the school has no two-week cycle.</param>
    /// <returns>true when it takes place that day.</returns>
    public bool OccursOn(DateOnly date, string? week) =>
        Date is DateOnly once
            ? once == date
            : Weekday == SchoolCalendar.IsoWeekday(date) && IsCurrentOn(date) && (Week is null || week is null || Week == week);

    /// <summary>
    /// Tells whether a weekly entry's timetable is in force on a date (cover lessons never are: they are one-offs).
    /// </summary>
    /// <param name="date">Local date.</param>
    /// <returns>true when the date is inside its effective dates.</returns>
    public bool IsCurrentOn(DateOnly date) => Date is null && (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}
