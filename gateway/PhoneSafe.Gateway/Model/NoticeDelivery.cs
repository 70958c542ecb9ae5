namespace PhoneSafe.Gateway.Model;

/// <summary>
/// One notice to a pupil's parents on its way: an e-mail (queued, sent or failed, with the mail server's answer) or
/// a row exported for the school's messaging system.
/// </summary>
/// <param name="Id">Identifier.</param>
/// <param name="School">School identifier.</param>
/// <param name="PupilId">The pupil.</param>
/// <param name="Channel">"email" or "export".</param>
/// <param name="Recipient">The e-mail address, or null for an export (the messaging system holds the contacts).</param>
/// <param name="Subject">The subject as sent.</param>
/// <param name="Body">The text as sent.</param>
/// <param name="Status">A <see cref="NoticeDeliveryStates"/> word.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="Response">The mail server's last answer, or why there was none.</param>
/// <param name="NextAttemptUtc">When a queued e-mail is tried next, or null.</param>
/// <param name="RequestedBy">The account that asked for it.</param>
/// <param name="CreatedUtc">When it was asked for.</param>
/// <param name="UpdatedUtc">When its status last changed.</param>
public sealed record NoticeDelivery(
    long Id,
    string School,
    string PupilId,
    string Channel,
    string? Recipient,
    string Subject,
    string Body,
    string Status,
    int Attempts,
    string? Response,
    DateTimeOffset? NextAttemptUtc,
    string RequestedBy,
    DateTimeOffset CreatedUtc,
    DateTimeOffset UpdatedUtc);
