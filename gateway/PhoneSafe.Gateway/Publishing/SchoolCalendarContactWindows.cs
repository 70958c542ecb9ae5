using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Publishing;

/// <summary>
/// The contact windows and time zone published to a school's lockers: the school calendar's weekday timings and
/// zone (<see cref="CalendarStore"/>) when the school has a calendar, otherwise the configured defaults. The locker
/// works with weekday windows only; term dates and closures stay with the policy engine, which does not flag
/// anything on a closed day.
/// </summary>
/// <param name="calendars">The school calendars.</param>
/// <param name="defaults">The configured windows and zone, for schools without a calendar.</param>
public sealed class SchoolCalendarContactWindows(CalendarStore calendars, ConfiguredContactWindows defaults) : IContactWindows
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<WeekdayWindow>> GetWeekdayWindowsAsync(string school, CancellationToken cancellationToken)
    {
        CalendarDefinition? calendar = await calendars.GetAsync(school, cancellationToken);
        if (calendar is null)
        {
            return await defaults.GetWeekdayWindowsAsync(school, cancellationToken);
        }

        return [.. calendar.Days.SelectMany(d => d.Contact.Select(w => new WeekdayWindow(d.Weekday, Minute(w.Start), Minute(w.End))))];
    }

    /// <inheritdoc/>
    public async Task<TimeZoneInfo?> GetTimeZoneAsync(string school, CancellationToken cancellationToken)
    {
        CalendarDefinition? calendar = await calendars.GetAsync(school, cancellationToken);
        if (calendar is null)
        {
            return await defaults.GetTimeZoneAsync(school, cancellationToken);
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(calendar.TimeZoneId, out TimeZoneInfo? zone) ? zone : null;
    }

    /// <summary>
    /// Finds the first instant in a span at which a zone's UTC offset differs from its offset at the start (a clock
    /// change), to one second.
    /// </summary>
    /// <param name="zone">The time zone.</param>
    /// <param name="from">Start of the span.</param>
    /// <param name="until">End of the span.</param>
    /// <returns>The first instant with the new offset, or null when the offset at the end is the same as at the start.</returns>
    public static DateTimeOffset? NextOffsetChange(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset until)
    {
        TimeSpan start = zone.GetUtcOffset(from);
        if (until <= from || zone.GetUtcOffset(until) == start)
        {
            return null;
        }

        // Offsets change at most once in the spans used here (at most a day), so bisect between an instant with the
        // old offset and one with the new.
        DateTimeOffset low = from;
        DateTimeOffset high = until;
        while (high - low > TimeSpan.FromSeconds(1))
        {
            DateTimeOffset middle = low + ((high - low) / 2);
            if (zone.GetUtcOffset(middle) == start)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return high;
    }

    private static int Minute(TimeOnly time) => time == TimeOnly.MaxValue ? 1440 : (time.Hour * 60) + time.Minute;
}
