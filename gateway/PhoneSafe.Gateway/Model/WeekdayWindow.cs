namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A period of a weekday in which staff are in contact with children, in school local time.
/// </summary>
/// <param name="IsoWeekday">1 = Monday to 7 = Sunday.</param>
/// <param name="StartMinute">Start, minutes after local midnight (0 to 1439).</param>
/// <param name="EndMinute">End, minutes after local midnight, exclusive (StartMinute + 1 to 1440).</param>
public sealed record WeekdayWindow(int IsoWeekday, int StartMinute, int EndMinute);
