using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Publishing;

/// <summary>
/// The school's contact time, published to its lockers: per weekday, the periods in which staff are with
/// children, and the time zone whose offset the lockers get. <see cref="SchoolCalendarContactWindows"/> reads the
/// school calendar when the school has one and falls back to configuration (<see cref="ConfiguredContactWindows"/>).
/// </summary>
public interface IContactWindows
{
    /// <summary>
    /// Gets the weekday windows of a school, in school local time.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The windows, any order; none means no contact time.</returns>
    Task<IReadOnlyList<WeekdayWindow>> GetWeekdayWindowsAsync(string school, CancellationToken cancellationToken);

    /// <summary>
    /// Gets the time zone of a school, whose UTC offset of the day goes into its lockers' configuration.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The zone, or null when its id is not known on this machine (lockers then get UTC).</returns>
    Task<TimeZoneInfo?> GetTimeZoneAsync(string school, CancellationToken cancellationToken);
}
