using System.Globalization;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Publishing;

/// <summary>
/// Contact windows from configuration (<see cref="LockerConfigOptions.ContactWeekdays"/> ×
/// <see cref="LockerConfigOptions.ContactPeriods"/>) and the time zone <see cref="LockerConfigOptions.TimeZone"/>, the
/// same for every school and every week: the fallback for a school without a calendar.
/// </summary>
/// <param name="options">The configured days and periods.</param>
public sealed class ConfiguredContactWindows(IOptions<LockerConfigOptions> options) : IContactWindows
{
    /// <summary>The days used when none are configured: Monday to Friday.</summary>
    public static readonly int[] DefaultWeekdays = [1, 2, 3, 4, 5];

    /// <summary>The periods used when none are configured: a morning and an afternoon.</summary>
    public static readonly string[] DefaultPeriods = ["08:45-12:15", "13:05-15:15"];

    /// <inheritdoc/>
    public Task<IReadOnlyList<WeekdayWindow>> GetWeekdayWindowsAsync(string school, CancellationToken cancellationToken)
    {
        var windows = new List<WeekdayWindow>();
        foreach (int day in options.Value.ContactWeekdays ?? DefaultWeekdays)
        {
            foreach (string period in options.Value.ContactPeriods ?? DefaultPeriods)
            {
                if (!TryParsePeriod(period, out int start, out int end))
                {
                    throw new OptionsValidationException(nameof(LockerConfigOptions), typeof(LockerConfigOptions), [$"ContactPeriods: \"{period}\" is not HH:mm-HH:mm with start before end"]);
                }

                windows.Add(new WeekdayWindow(day, start, end));
            }
        }

        return Task.FromResult<IReadOnlyList<WeekdayWindow>>(windows);
    }

    /// <inheritdoc/>
    public Task<TimeZoneInfo?> GetTimeZoneAsync(string school, CancellationToken cancellationToken) =>
        Task.FromResult(TimeZoneInfo.TryFindSystemTimeZoneById(options.Value.TimeZone, out TimeZoneInfo? zone) ? zone : null);

    /// <summary>
    /// Reads a period such as "08:45-12:15".
    /// </summary>
    /// <param name="text">The period.</param>
    /// <param name="startMinute">Start, minutes after midnight.</param>
    /// <param name="endMinute">End, minutes after midnight (24:00 allowed).</param>
    /// <returns>true when valid and the start is before the end.</returns>
    public static bool TryParsePeriod(string text, out int startMinute, out int endMinute)
    {
        startMinute = 0;
        endMinute = 0;
        string[] parts = text.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && TryParseTime(parts[0], out startMinute) && TryParseTime(parts[1], out endMinute) && startMinute < endMinute;
    }

    private static bool TryParseTime(string text, out int minute)
    {
        minute = 0;
        if (text == "24:00")
        {
            minute = 1440;
            return true;
        }

        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time))
        {
            return false;
        }

        minute = (time.Hour * 60) + time.Minute;
        return true;
    }
}
