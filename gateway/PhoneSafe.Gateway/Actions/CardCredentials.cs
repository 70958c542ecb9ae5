using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Enrolment;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Gives cards to people and takes them back, the one way the People page and the API do it: checks the input,
/// stores the card's keyed hash (never its UID), audits the attempt and republishes the school's locker
/// configurations so that lockers accept or refuse the card.
/// </summary>
/// <param name="enrolment">Hashes and links cards.</param>
/// <param name="people">People and their cards.</param>
/// <param name="publisher">Republishes configurations.</param>
/// <param name="users">Audit log.</param>
public sealed class CardCredentials(CardEnrolment enrolment, PeopleStore people, LockerConfigPublisher publisher, UserStore users)
{
    /// <summary>
    /// Enrols a card from its UID.
    /// </summary>
    /// <param name="http">The request (who, for the audit line).</param>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">Whose card it is.</param>
    /// <param name="uid">The card's 4, 7 or 10 byte UID in hex.</param>
    /// <returns>Enrolled, or already this person's; invalid; not found (no active person); refused (someone else's card).</returns>
    public async Task<Outcome<EnrolmentResult>> EnrolAsync(HttpContext http, string school, string personId, string? uid)
    {
        if (new Validation().School(school).PersonId(personId) is { IsValid: false } invalid)
        {
            return Outcome<EnrolmentResult>.Invalid(invalid);
        }

        EnrolmentResult result = await enrolment.EnrolAsync(school, personId, uid, http.RequestAborted);
        await http.AuditAsync(users, "card:enrol", $"person={personId}");
        return Answer(school, personId, result);
    }

    /// <summary>
    /// Gives a card presented at a locker in enrolment mode to a person.
    /// </summary>
    /// <param name="http">The request (who, for the audit line).</param>
    /// <param name="school">School identifier.</param>
    /// <param name="credential">The pending card's hash.</param>
    /// <param name="personId">Whose card it is.</param>
    /// <returns>Enrolled, or already this person's; invalid; not found (no active person, or no such pending card); refused.</returns>
    public async Task<Outcome<EnrolmentResult>> LinkPendingAsync(HttpContext http, string school, string credential, string? personId)
    {
        if (new Validation().School(school).Credential(credential).PersonId(personId) is { IsValid: false } invalid)
        {
            return Outcome<EnrolmentResult>.Invalid(invalid);
        }

        EnrolmentResult result = await enrolment.LinkPendingAsync(school, credential, personId!, http.RequestAborted);
        await http.AuditAsync(users, "card:link-pending", $"person={personId}");
        return Answer(school, personId!, result);
    }

    /// <summary>
    /// Revokes a card (lost, or its holder left); lockers refuse it once their new configuration arrives.
    /// </summary>
    /// <param name="http">The request (who, for the audit line).</param>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The holder.</param>
    /// <param name="credential">The card's hash.</param>
    /// <returns>Done; invalid; not found when the person holds no such valid card.</returns>
    public async Task<Outcome<bool>> RevokeAsync(HttpContext http, string school, string personId, string credential)
    {
        if (new Validation().School(school).PersonId(personId).Credential(credential) is { IsValid: false } invalid)
        {
            return Outcome<bool>.Invalid(invalid);
        }

        bool revoked = await people.RevokeCredentialAsync(school, personId, credential, http.RequestAborted);
        await http.AuditAsync(users, "card:revoke", $"person={personId}");
        if (!revoked)
        {
            return Outcome<bool>.NotFound($"{personId} holds no valid credential {credential}");
        }

        publisher.RequestPublish(school);
        return Outcome<bool>.Ok(true);
    }

    private Outcome<EnrolmentResult> Answer(string school, string personId, EnrolmentResult result)
    {
        switch (result.Status)
        {
            case EnrolmentStatus.Enrolled:
                publisher.RequestPublish(school);
                return Outcome<EnrolmentResult>.Ok(result);
            case EnrolmentStatus.AlreadyEnrolled:
                return Outcome<EnrolmentResult>.Ok(result);
            case EnrolmentStatus.InvalidUid:
                return Outcome<EnrolmentResult>.Invalid("uid", "must be the card's 4, 7 or 10 byte UID in hex (for example 04A1B2C3 or 04:A1:B2:C3)");
            case EnrolmentStatus.UnknownPerson:
                return Outcome<EnrolmentResult>.NotFound($"no active person {personId}");
            case EnrolmentStatus.NotPending:
                return Outcome<EnrolmentResult>.NotFound("no such pending card (presented in enrolment mode recently and not enrolled)");
            default:
                return Outcome<EnrolmentResult>.Refused("this card is enrolled to someone else; revoke it there first");
        }
    }
}
