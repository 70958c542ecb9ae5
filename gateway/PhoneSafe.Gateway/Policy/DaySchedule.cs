namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// The school-wide timings of one weekday.
/// </summary>
/// <param name="Weekday">ISO weekday: 1 = Monday to 7 = Sunday.</param>
/// <param name="Contact">Contact windows, in order, not overlapping.</param>
/// <param name="HomeTime">When pupils go home (pupil phones may be released from then), or null.</param>
public sealed record DaySchedule(int Weekday, IReadOnlyList<TimeWindow> Contact, TimeOnly? HomeTime);
