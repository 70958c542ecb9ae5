namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A member of staff's working pattern as the API writes it.
/// </summary>
/// <param name="PersonId">Staff code.</param>
/// <param name="Weekdays">ISO weekdays with contact time (1 = Monday to 7 = Sunday); empty for no contact time.</param>
public sealed record StaffPatternDto(string? PersonId, IReadOnlyList<int>? Weekdays);
