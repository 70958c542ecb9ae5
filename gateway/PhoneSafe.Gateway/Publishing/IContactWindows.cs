using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Publishing;

/// <summary>
/// The school's contact time, published to its lockers: per weekday, the periods in which staff are with
/// children. The default reads configuration (<see cref="ConfiguredContactWindows"/>); the school calendar
/// replaces it.
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
}
