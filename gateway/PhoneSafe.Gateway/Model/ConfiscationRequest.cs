namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A pupil's phone confiscated in class and brought to the office.
/// </summary>
/// <param name="PupilId">The pupil.</param>
/// <param name="ConfiscatedBy">Staff code of the member of staff who confiscated it.</param>
/// <param name="ConfiscatedUtc">When (ISO 8601 with an offset); now when omitted.</param>
/// <param name="Lesson">The lesson, if known (up to 100 characters).</param>
/// <param name="Room">The room, if known (up to 50 characters).</param>
public sealed record ConfiscationRequest(string? PupilId, string? ConfiscatedBy, DateTimeOffset? ConfiscatedUtc, string? Lesson, string? Room);
