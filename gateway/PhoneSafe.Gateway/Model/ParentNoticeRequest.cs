namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A record that a pupil's parents were made aware that the office holds the pupil's phone.
/// </summary>
/// <param name="PupilId">The pupil.</param>
/// <param name="NotifiedUtc">When they were told (ISO 8601 with offset); the signed-in account is recorded as telling them.</param>
/// <param name="Method">How: phone, text, email, letter, in person.</param>
/// <param name="ParentRequested">true when the parents asked the office to keep the phone (needs Headteacher consent).</param>
/// <param name="Note">Free text.</param>
public sealed record ParentNoticeRequest(string? PupilId, DateTimeOffset? NotifiedUtc, string? Method, bool ParentRequested, string? Note);
