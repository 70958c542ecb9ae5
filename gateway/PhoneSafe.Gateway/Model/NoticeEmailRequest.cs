namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A request to e-mail a pupil's parents, in the school's wording, that the office holds the pupil's phone.
/// </summary>
/// <param name="PupilId">The pupil, whose phone the office holds now.</param>
/// <param name="To">The parent's e-mail address, from the school's records.</param>
public sealed record NoticeEmailRequest(string? PupilId, string? To);
