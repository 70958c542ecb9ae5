namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The timings of one weekday as the API writes them.
/// </summary>
/// <param name="Weekday">ISO weekday: 1 = Monday to 7 = Sunday.</param>
/// <param name="Contact">Contact windows.</param>
/// <param name="HomeTime">Home-time, "HH:mm", or null.</param>
public sealed record DayDto(int Weekday, IReadOnlyList<WindowDto>? Contact, string? HomeTime);
