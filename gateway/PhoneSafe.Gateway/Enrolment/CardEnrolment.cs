using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Enrolment;

/// <summary>
/// Gives people cards. A UID typed or read at a desk is turned at once into the keyed hash the lockers compute
/// (<see cref="CredentialHash.Compute"/> with the school's credential key) and only the hash is stored; the UID
/// is never stored or logged. A card presented at a locker in enrolment mode arrives already hashed and can be
/// linked to a person.
/// </summary>
/// <param name="people">People and credentials.</param>
/// <param name="ledger">The school's credential key.</param>
/// <param name="options">How long presented cards stay pending.</param>
/// <param name="time">The clock.</param>
public sealed class CardEnrolment(PeopleStore people, ILedgerStore ledger, IOptions<LockerConfigOptions> options, TimeProvider time)
{
    /// <summary>
    /// Reads a card UID as desk readers show it: hex digits, optionally separated by spaces, ':' or '-'.
    /// </summary>
    /// <param name="text">The UID text.</param>
    /// <param name="uid">4, 7 or 10 bytes (ISO/IEC 14443 single, double and triple size UIDs).</param>
    /// <returns>true when valid.</returns>
    public static bool TryParseUid(string? text, out byte[] uid)
    {
        uid = [];
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        string digits = string.Concat(text.Where(c => c is not (' ' or ':' or '-')));
        if (!Hex.TryDecode(digits, out byte[] bytes) || bytes.Length is not (4 or 7 or 10))
        {
            return false;
        }

        uid = bytes;
        return true;
    }

    /// <summary>
    /// Enrols a card for a person from its UID.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <param name="uidText">The UID in hex.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome.</returns>
    public async Task<EnrolmentResult> EnrolAsync(string school, string personId, string? uidText, CancellationToken cancellationToken)
    {
        if (!TryParseUid(uidText, out byte[] uid))
        {
            return new EnrolmentResult(EnrolmentStatus.InvalidUid);
        }

        string credential;
        try
        {
            byte[] key = await ledger.EnsureSchoolAsync(school, RandomNumberGenerator.GetBytes(32), cancellationToken);
            credential = CredentialHash.Compute(key, uid);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(uid);
        }

        return await LinkAsync(school, personId, credential, cancellationToken);
    }

    /// <summary>
    /// Links a card presented at a locker in enrolment mode (a pending card) to a person.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="credential">The pending card's credential hash.</param>
    /// <param name="personId">The person.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome.</returns>
    public async Task<EnrolmentResult> LinkPendingAsync(string school, string credential, string personId, CancellationToken cancellationToken)
    {
        IReadOnlyList<PendingCard> pending = await ListPendingAsync(school, cancellationToken);
        if (!pending.Any(p => p.Credential == credential))
        {
            CredentialInfo? held = await people.FindCredentialAsync(school, credential, cancellationToken);
            return held is { RevokedUtc: null } && held.PersonId == personId
                ? new EnrolmentResult(EnrolmentStatus.AlreadyEnrolled, held)
                : new EnrolmentResult(EnrolmentStatus.NotPending);
        }

        return await LinkAsync(school, personId, credential, cancellationToken);
    }

    /// <summary>
    /// Lists the cards presented in enrolment mode recently that nobody holds.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Newest first.</returns>
    public Task<IReadOnlyList<PendingCard>> ListPendingAsync(string school, CancellationToken cancellationToken) =>
        people.ListPendingCardsAsync(school, time.GetUtcNow().AddDays(-options.Value.PendingCardDays), cancellationToken);

    private async Task<EnrolmentResult> LinkAsync(string school, string personId, string credential, CancellationToken cancellationToken)
    {
        Person? person = await people.FindAsync(school, personId, cancellationToken);
        if (person is not { Active: true })
        {
            return new EnrolmentResult(EnrolmentStatus.UnknownPerson);
        }

        CredentialInfo? held = await people.FindCredentialAsync(school, credential, cancellationToken);
        if (held is { RevokedUtc: null })
        {
            return held.PersonId == personId
                ? new EnrolmentResult(EnrolmentStatus.AlreadyEnrolled, held)
                : new EnrolmentResult(EnrolmentStatus.EnrolledToSomeoneElse);
        }

        await people.LinkCredentialAsync(school, credential, personId, cancellationToken);
        return new EnrolmentResult(EnrolmentStatus.Enrolled, await people.FindCredentialAsync(school, credential, cancellationToken));
    }
}
