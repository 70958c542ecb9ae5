namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A school's calendar as the policy sees it: which days are school days, the contact time of the school and of each
/// member of staff, and home-time. All wall-clock values are in the school's time zone.
/// </summary>
/// <remarks>
/// The lockers' view of the same calendar (weekday windows and the zone's UTC offset) is
/// <see cref="Publishing.SchoolCalendarContactWindows"/>, built from the same <see cref="CalendarDefinition"/>.
/// </remarks>
public interface ISchoolCalendar
{
    /// <summary>Gets the school's time zone.</summary>
    TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Converts an instant to the school's local date and time.
    /// </summary>
    /// <param name="instant">The instant.</param>
    /// <returns>Local wall-clock date and time.</returns>
    DateTime ToLocal(DateTimeOffset instant);

    /// <summary>
    /// Converts a local date and time to UTC (a time in a spring-forward gap moves forward by the gap).
    /// </summary>
    /// <param name="date">Local date.</param>
    /// <param name="time">Local time.</param>
    /// <returns>The instant.</returns>
    DateTimeOffset ToUtc(DateOnly date, TimeOnly time);

    /// <summary>
    /// Tells why a date is not a school day.
    /// </summary>
    /// <param name="date">Local date.</param>
    /// <returns>null on a school day; otherwise a reason such as "weekend", "outside term" or "inset: staff training".</returns>
    string? ClosedReason(DateOnly date);

    /// <summary>
    /// Lists the contact windows of a date, for the school or refined by a member of staff's timetable.
    /// </summary>
    /// <param name="date">Local date.</param>
    /// <param name="personId">A member of staff with a timetable (their lessons are their contact time), or null for the school's windows.</param>
    /// <returns>Windows in order; empty on days that are not school days.</returns>
    IReadOnlyList<TimeWindow> ContactWindows(DateOnly date, string? personId);

    /// <summary>
    /// Gets home-time on a date.
    /// </summary>
    /// <param name="date">Local date.</param>
    /// <returns>Local home-time, or null on days that are not school days.</returns>
    TimeOnly? HomeTime(DateOnly date);
}
