namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The outcome of a timetable import.
/// </summary>
/// <param name="Staff">Members of staff whose timetable was replaced.</param>
/// <param name="Lessons">Lessons stored.</param>
public sealed record TimetableImport(int Staff, int Lessons);
