namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Everything the school sets about its year: time zone, terms, closures, weekday timings and the parent-notice deadline.
/// </summary>
/// <param name="TimeZoneId">IANA or Windows id resolved by <see cref="TimeZoneInfo.FindSystemTimeZoneById"/>.</param>
/// <param name="Terms">Terms, in any order.</param>
/// <param name="Closures">INSET days, bank holidays, half terms and other closures.</param>
/// <param name="Days">Schedules per weekday; a weekday without contact windows is not a school day.</param>
/// <param name="ParentNoticeHours">Hours after a pupil phone intake by which parents must have been made aware (1 to 72).</param>
public sealed record CalendarDefinition(
    string TimeZoneId,
    IReadOnlyList<Term> Terms,
    IReadOnlyList<Closure> Closures,
    IReadOnlyList<DaySchedule> Days,
    int ParentNoticeHours)
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
