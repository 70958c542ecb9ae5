namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The Headteacher's consent to a parent's request that the office keep a pupil's phone safe.
/// </summary>
/// <param name="PupilId">The pupil.</param>
/// <param name="ConsentedBy">The Headteacher (or whoever consented in their place).</param>
/// <param name="Reason">The parent's reason.</param>
/// <param name="From">First day, "yyyy-MM-dd".</param>
/// <param name="To">Last day, "yyyy-MM-dd".</param>
/// <param name="RecordedBy">Who is entering it.</param>
public sealed record ConsentRequest(string? PupilId, string? ConsentedBy, string? Reason, string? From, string? To, string? RecordedBy);
