using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Enrolment;
using PhoneSafe.Gateway.Import;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Staff and pupils (CSV import from the MIS) and their cards (enrolment, revocation, cards presented at lockers).
/// </summary>
public static class PeopleApi
{
    /// <summary>Largest CSV accepted, in bytes (a 2,000-pupil export is about 200 KB).</summary>
    public const int MaxCsvBytes = 10 * 1024 * 1024;

    private static readonly Encoding s_strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Maps /api/schools/{school}/people/... and /api/schools/{school}/enrolments/... (one group, to protect as one area).
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        // People, cards and enrolment are the IT technician's (Admin); the office may read the list of people.
        RouteGroupBuilder api = app.MapGroup("/api/schools/{school}").WithTags("People").AddEndpointFilter<SchoolScopeFilter>();
        api.MapPost("/people/import/staff", ImportStaffAsync).WithName("ImportStaff")
            .WithSummary("Imports staff from a CSV export (body text/csv); ?full=true marks staff missing from the file inactive.").RequireAuthorization(Policies.Administration);
        api.MapPost("/people/import/pupils", ImportPupilsAsync).WithName("ImportPupils")
            .WithSummary("Imports pupils from a CSV export (body text/csv); ?full=true marks pupils missing from the file inactive.").RequireAuthorization(Policies.Administration);
        api.MapGet("/people", ListPeopleAsync).WithName("ListPeople").WithSummary("Lists people, optionally of one kind (staff, pupil), inactive included on request.").RequireAuthorization(Policies.Office);
        api.MapGet("/people/{personId}", GetPersonAsync).WithName("GetPerson").WithSummary("One person.").RequireAuthorization(Policies.Office).WithMetadata(AuditedInHandler.Instance);
        api.MapGet("/people/{personId}/credentials", ListCredentialsAsync).WithName("ListCredentials")
            .WithSummary("A person's cards: credential hash, enrolled and revoked times.").RequireAuthorization(Policies.Administration);
        api.MapPost("/people/{personId}/credentials", EnrolCardAsync).WithName("EnrolCard")
            .WithSummary("Enrols a card from its UID (hex); only the keyed hash is stored.").RequireAuthorization(Policies.Administration);
        api.MapDelete("/people/{personId}/credentials/{credential}", RevokeCredentialAsync).WithName("RevokeCredential")
            .WithSummary("Revokes a card; lockers refuse it once their new configuration arrives.").RequireAuthorization(Policies.Administration);
        api.MapGet("/enrolments/pending", ListPendingCardsAsync).WithName("ListPendingCards")
            .WithSummary("Cards presented at a locker in enrolment mode that nobody holds yet.").RequireAuthorization(Policies.Administration);
        api.MapPost("/enrolments/pending/{credential}", LinkPendingCardAsync).WithName("LinkPendingCard")
            .WithSummary("Gives a pending card to a person.").RequireAuthorization(Policies.Administration);
        return api;
    }

    /// <summary>Imports staff.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="full">Whether the file lists all staff.</param>
    /// <param name="request">The request (CSV body).</param>
    /// <param name="importer">The importer.</param>
    /// <param name="publisher">Republishes configurations.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The report, or 400 with the reason when nothing could be imported.</returns>
    public static Task<Results<Ok<ImportReport>, ValidationProblem>> ImportStaffAsync(
        string school, bool? full, HttpRequest request, PeopleImporter importer, LockerConfigPublisher publisher, CancellationToken cancellationToken) =>
        ImportAsync(school, PersonKind.Staff, full ?? false, request, importer, publisher, cancellationToken);

    /// <summary>Imports pupils.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="full">Whether the file lists all pupils.</param>
    /// <param name="request">The request (CSV body).</param>
    /// <param name="importer">The importer.</param>
    /// <param name="publisher">Republishes configurations.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The report, or 400 with the reason when nothing could be imported.</returns>
    public static Task<Results<Ok<ImportReport>, ValidationProblem>> ImportPupilsAsync(
        string school, bool? full, HttpRequest request, PeopleImporter importer, LockerConfigPublisher publisher, CancellationToken cancellationToken) =>
        ImportAsync(school, PersonKind.Pupil, full ?? false, request, importer, publisher, cancellationToken);

    /// <summary>Lists people.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="kind">"staff", "pupil" or absent for both.</param>
    /// <param name="includeInactive">Whether to include inactive people.</param>
    /// <param name="store">The people store.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>People ordered by name.</returns>
    public static async Task<Results<Ok<IReadOnlyList<Person>>, ValidationProblem>> ListPeopleAsync(
        string school, string? kind, bool? includeInactive, PeopleStore store, CancellationToken cancellationToken)
    {
        if (new Validation().School(school) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        if (kind is not (null or PersonKind.Staff or PersonKind.Pupil))
        {
            return Validation.Problem("kind", "must be staff or pupil");
        }

        return TypedResults.Ok(await store.ListAsync(school, kind, includeInactive ?? false, cancellationToken));
    }

    /// <summary>Gets one person.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <param name="store">The people store.</param>
    /// <param name="users">Audit log (views of a person's record are audited, and listed in their export).</param>
    /// <param name="http">The request.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The person, 404 or 400.</returns>
    public static async Task<Results<Ok<Person>, NotFound<string>, ValidationProblem>> GetPersonAsync(
        string school, string personId, PeopleStore store, UserStore users, HttpContext http, CancellationToken cancellationToken)
    {
        if (new Validation().School(school).PersonId(personId) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        Person? person = await store.FindAsync(school, personId, cancellationToken);
        await http.AuditAsync(users, "view:person", SubjectAccessStore.AuditDetail(school, personId));
        return person is null ? TypedResults.NotFound($"no person {personId}") : TypedResults.Ok(person);
    }

    /// <summary>Lists a person's credentials.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <param name="store">The people store.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>Credentials, oldest first; 404 when there is no such person.</returns>
    public static async Task<Results<Ok<IReadOnlyList<CredentialInfo>>, NotFound<string>, ValidationProblem>> ListCredentialsAsync(
        string school, string personId, PeopleStore store, CancellationToken cancellationToken)
    {
        if (new Validation().School(school).PersonId(personId) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        if (await store.FindAsync(school, personId, cancellationToken) is null)
        {
            return TypedResults.NotFound($"no person {personId}");
        }

        return TypedResults.Ok(await store.ListCredentialsAsync(school, personId, cancellationToken));
    }

    /// <summary>Enrols a card from its UID.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <param name="body">The UID.</param>
    /// <param name="enrolment">Enrolment.</param>
    /// <param name="publisher">Republishes configurations.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>201 with the credential (hash only), 200 when it was the person's already, 400, 404, or 409 when it is someone else's.</returns>
    public static async Task<Results<Created<CredentialInfo>, Ok<CredentialInfo>, ValidationProblem, NotFound<string>, Conflict<string>>> EnrolCardAsync(
        string school, string personId, EnrolCardRequest body, CardEnrolment enrolment, LockerConfigPublisher publisher, CancellationToken cancellationToken)
    {
        if (new Validation().School(school).PersonId(personId) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        EnrolmentResult result = await enrolment.EnrolAsync(school, personId, body.Uid, cancellationToken);
        return Answer(school, personId, result, publisher, "must be the card's 4, 7 or 10 byte UID in hex (for example 04A1B2C3 or 04:A1:B2:C3)");
    }

    /// <summary>Revokes a card.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <param name="credential">The credential hash.</param>
    /// <param name="store">The people store.</param>
    /// <param name="publisher">Republishes configurations.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>204, or 404 when the person holds no such valid credential.</returns>
    public static async Task<Results<NoContent, NotFound<string>, ValidationProblem>> RevokeCredentialAsync(
        string school, string personId, string credential, PeopleStore store, LockerConfigPublisher publisher, CancellationToken cancellationToken)
    {
        if (new Validation().School(school).PersonId(personId).Credential(credential) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        if (!await store.RevokeCredentialAsync(school, personId, credential, cancellationToken))
        {
            return TypedResults.NotFound($"{personId} holds no valid credential {credential}");
        }

        publisher.RequestPublish(school);
        return TypedResults.NoContent();
    }

    /// <summary>Lists pending cards.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="enrolment">Enrolment.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>Newest first.</returns>
    public static async Task<Results<Ok<IReadOnlyList<PendingCard>>, ValidationProblem>> ListPendingCardsAsync(
        string school, CardEnrolment enrolment, CancellationToken cancellationToken)
    {
        if (new Validation().School(school) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        return TypedResults.Ok(await enrolment.ListPendingAsync(school, cancellationToken));
    }

    /// <summary>Links a pending card to a person.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="credential">The pending card's hash.</param>
    /// <param name="body">Whose card it is.</param>
    /// <param name="enrolment">Enrolment.</param>
    /// <param name="publisher">Republishes configurations.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>201 with the credential, 200 when it was the person's already, 400, 404 (no such person or pending card) or 409.</returns>
    public static async Task<Results<Created<CredentialInfo>, Ok<CredentialInfo>, ValidationProblem, NotFound<string>, Conflict<string>>> LinkPendingCardAsync(
        string school, string credential, LinkCardRequest body, CardEnrolment enrolment, LockerConfigPublisher publisher, CancellationToken cancellationToken)
    {
        if (new Validation().School(school).Credential(credential).PersonId(body.PersonId) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        EnrolmentResult result = await enrolment.LinkPendingAsync(school, credential, body.PersonId!, cancellationToken);
        return Answer(school, body.PersonId!, result, publisher, string.Empty);
    }

    private static Results<Created<CredentialInfo>, Ok<CredentialInfo>, ValidationProblem, NotFound<string>, Conflict<string>> Answer(
        string school, string personId, EnrolmentResult result, LockerConfigPublisher publisher, string invalidUid)
    {
        switch (result.Status)
        {
            case EnrolmentStatus.Enrolled:
                publisher.RequestPublish(school);
                return TypedResults.Created($"/api/schools/{school}/people/{personId}/credentials", result.Credential!);
            case EnrolmentStatus.AlreadyEnrolled:
                return TypedResults.Ok(result.Credential!);
            case EnrolmentStatus.InvalidUid:
                return Validation.Problem("uid", invalidUid);
            case EnrolmentStatus.UnknownPerson:
                return TypedResults.NotFound($"no active person {personId}");
            case EnrolmentStatus.NotPending:
                return TypedResults.NotFound("no such pending card (presented in enrolment mode recently and not enrolled)");
            default:
                return TypedResults.Conflict("this card is enrolled to someone else; revoke it there first");
        }
    }

    private static async Task<Results<Ok<ImportReport>, ValidationProblem>> ImportAsync(
        string school, string kind, bool full, HttpRequest request, PeopleImporter importer, LockerConfigPublisher publisher, CancellationToken cancellationToken)
    {
        if (new Validation().School(school) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        if (request.ContentLength > MaxCsvBytes)
        {
            return Validation.Problem("file", $"is larger than {MaxCsvBytes / 1024 / 1024} MB");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxCsvBytes)
        {
            return Validation.Problem("file", $"is larger than {MaxCsvBytes / 1024 / 1024} MB");
        }

        try
        {
            ImportReport report = await importer.ImportAsync(school, kind, Decode(buffer.ToArray()), full, cancellationToken);
            publisher.RequestPublish(school);
            return TypedResults.Ok(report);
        }
        catch (FormatException ex) when (ex is CsvFormatException or ImportFormatException)
        {
            return Validation.Problem("file", ex.Message);
        }
    }

    /// <summary>
    /// Decodes a CSV file: UTF-8 (with or without a byte-order mark, as current exports write), or Windows-1252
    /// when the bytes are not valid UTF-8 (older "ANSI" exports).
    /// </summary>
    /// <param name="bytes">The file.</param>
    /// <returns>The text; a byte-order mark, if any, is left for the parser.</returns>
    internal static string Decode(byte[] bytes)
    {
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }
}
