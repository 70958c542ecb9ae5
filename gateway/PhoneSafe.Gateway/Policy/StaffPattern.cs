namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A member of staff's working pattern: the weekdays on which they have contact time. No weekdays means no contact
/// time at all (non-teaching staff such as the site team or finance office), so they are never listed for a missing
/// deposit; a part-time member lists the days they work. On those days their timetable, or else the school's
/// contact windows, applies.
/// </summary>
/// <param name="PersonId">Staff code.</param>
/// <param name="Weekdays">ISO weekdays (1 = Monday to 7 = Sunday) with contact time; empty for none.</param>
public sealed record StaffPattern(string PersonId, IReadOnlyList<int> Weekdays)
{
    /// <summary>Gets a value indicating whether the member has no contact time on any day.</summary>
    public bool NoContactTime => Weekdays.Count == 0;
}
