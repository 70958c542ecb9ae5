namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The outcome of a timetable import.
/// </summary>
/// <param name="Staff">Members of staff whose weekly timetable was replaced.</param>
/// <param name="Lessons">Weekly entries stored (lessons, form time, duties).</param>
/// <param name="Cover">Cover lessons stored.</param>
public sealed record TimetableImport(int Staff, int Lessons, int Cover = 0);
