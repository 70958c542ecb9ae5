namespace PhoneSafe.Gateway.Model;

/// <summary>
/// What the calendar says about one date (and, optionally, one member of staff).
/// </summary>
/// <param name="Date">The date, "yyyy-MM-dd".</param>
/// <param name="SchoolDay">Whether it is a school day.</param>
/// <param name="ClosedReason">Why not, or null.</param>
/// <param name="Contact">Contact windows (the person's timetabled lessons when they have a timetable).</param>
/// <param name="HomeTime">Home-time, or null.</param>
/// <param name="Timetabled">Whether the windows come from the person's timetable.</param>
public sealed record CalendarDay(string Date, bool SchoolDay, string? ClosedReason, IReadOnlyList<WindowDto> Contact, string? HomeTime, bool Timetabled);
