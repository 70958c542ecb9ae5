namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Questions the policy asks of any <see cref="ISchoolCalendar"/>, built from its few primitives.
/// </summary>
public static class CalendarExtensions
{
    /// <summary>
    /// Gets the local date of an instant.
    /// </summary>
    /// <param name="calendar">The calendar.</param>
    /// <param name="instant">The instant.</param>
    /// <returns>The school's local date.</returns>
    public static DateOnly LocalDate(this ISchoolCalendar calendar, DateTimeOffset instant) => DateOnly.FromDateTime(calendar.ToLocal(instant));

    /// <summary>
    /// Finds the contact window (of the school, or of a member of staff) that contains an instant.
    /// </summary>
    /// <param name="calendar">The calendar.</param>
    /// <param name="instant">The instant.</param>
    /// <param name="personId">Staff code, or null for the school's windows.</param>
    /// <returns>The window, or null when the instant is outside contact time.</returns>
    public static TimeWindow? ContactWindowAt(this ISchoolCalendar calendar, DateTimeOffset instant, string? personId)
    {
        DateTime local = calendar.ToLocal(instant);
        TimeOnly time = TimeOnly.FromDateTime(local);
        foreach (TimeWindow window in calendar.ContactWindows(DateOnly.FromDateTime(local), personId))
        {
            if (window.Contains(time))
            {
                return window;
            }
        }

        return null;
    }
}
