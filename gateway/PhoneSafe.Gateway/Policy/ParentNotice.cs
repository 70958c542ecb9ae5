namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A record that a pupil's parents were made aware that the office holds the pupil's phone.
/// </summary>
/// <param name="Id">Identifier.</param>
/// <param name="School">School identifier.</param>
/// <param name="PupilId">The pupil.</param>
/// <param name="NotifiedUtc">When the parents were told.</param>
/// <param name="NotifiedBy">Who told them.</param>
/// <param name="Method">How: phone call, text message, email, letter, in person.</param>
/// <param name="ParentRequested">true when the parents asked the office to keep the phone safe (needs the Headteacher's consent).</param>
/// <param name="Note">Free text, or null.</param>
/// <param name="RecordedUtc">When it was entered.</param>
public sealed record ParentNotice(
    long Id,
    string School,
    string PupilId,
    DateTimeOffset NotifiedUtc,
    string NotifiedBy,
    string Method,
    bool ParentRequested,
    string? Note,
    DateTimeOffset RecordedUtc);
