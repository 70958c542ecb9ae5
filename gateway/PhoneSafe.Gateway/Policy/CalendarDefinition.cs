namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Everything the school sets about its year: time zone, terms, closures, weekday timings, the parent-notice deadline,
/// the two-week timetable cycle and staff working patterns.
/// </summary>
/// <param name="TimeZoneId">IANA or Windows id resolved by <see cref="TimeZoneInfo.FindSystemTimeZoneById"/>.</param>
/// <param name="Terms">Terms, in any order.</param>
/// <param name="Closures">INSET days, bank holidays, half terms and other closures.</param>
/// <param name="Days">Schedules per weekday; a weekday without contact windows is not a school day.</param>
/// <param name="ParentNoticeHours">Hours after a pupil phone intake by which parents must have been made aware (1 to 72).</param>
/// <param name="WeekAStart">The Monday of any Week A of a two-week timetable (weeks alternate A, B from it, holidays
/// included), or null when the timetable repeats every week.</param>
/// <param name="StaffPatterns">Working patterns of staff who have no contact time or work part time.</param>
public sealed record CalendarDefinition(
    string TimeZoneId,
    IReadOnlyList<Term> Terms,
    IReadOnlyList<Closure> Closures,
    IReadOnlyList<DaySchedule> Days,
    int ParentNoticeHours,
    DateOnly? WeekAStart = null,
    IReadOnlyList<StaffPattern>? StaffPatterns = null)
{
    /// <summary>The default time zone: the school's clocks follow GMT/BST.</summary>
    public const string DefaultTimeZoneId = "Europe/London";

    /// <summary>The default hours within which parents must be told of an intake.</summary>
    public const int DefaultParentNoticeHours = 2;

    /// <summary>
    /// Gets the default weekday timings: Monday to Friday, 08:45–12:15 and 13:05–15:15, home-time 15:15.
    /// </summary>
    public static IReadOnlyList<DaySchedule> DefaultDays { get; } =
        [.. Enumerable.Range(1, 5).Select(d => new DaySchedule(
            d,
            [new TimeWindow(new TimeOnly(8, 45), new TimeOnly(12, 15)), new TimeWindow(new TimeOnly(13, 5), new TimeOnly(15, 15))],
            new TimeOnly(15, 15)))];
}
