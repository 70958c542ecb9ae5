namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A school's calendar as the API reads and writes it. Omitted parts take their defaults.
/// </summary>
/// <param name="TimeZone">Time zone id (default Europe/London).</param>
/// <param name="ParentNoticeHours">Hours after an intake by which parents must have been made aware (default 2, 1 to 72).</param>
/// <param name="Terms">Terms.</param>
/// <param name="Closures">INSET days, bank holidays, half terms and other closures.</param>
/// <param name="Days">Weekday timings (default Monday to Friday 08:45–12:15, 13:05–15:15, home-time 15:15).</param>
/// <param name="WeekAStart">The Monday of a Week A of a two-week timetable, "yyyy-MM-dd", or null when every week is the same.</param>
/// <param name="StaffPatterns">Staff with no contact time or a part-time pattern.</param>
public sealed record CalendarDocument(
    string? TimeZone,
    int? ParentNoticeHours,
    IReadOnlyList<TermDto>? Terms,
    IReadOnlyList<ClosureDto>? Closures,
    IReadOnlyList<DayDto>? Days,
    string? WeekAStart = null,
    IReadOnlyList<StaffPatternDto>? StaffPatterns = null);
