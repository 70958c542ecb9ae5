namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// One timetabled lesson of a member of staff, as an MIS timetable export lists it.
/// </summary>
/// <param name="PersonId">Staff code (the person's identifier in the people table).</param>
/// <param name="Weekday">ISO weekday: 1 = Monday to 7 = Sunday.</param>
/// <param name="Lesson">Local start and end of the lesson.</param>
/// <param name="Period">Period label such as "P3", or null.</param>
/// <param name="ClassName">Class or group taught, or null.</param>
/// <param name="Room">Room, or null.</param>
public sealed record TimetableEntry(string PersonId, int Weekday, TimeWindow Lesson, string? Period, string? ClassName, string? Room);
