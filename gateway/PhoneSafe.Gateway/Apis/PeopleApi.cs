using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Enrolment;
using PhoneSafe.Gateway.Import;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Staff and pupils (CSV import from the MIS) and their cards (enrolment, revocation, cards presented at lockers).
/// </summary>
public static class PeopleApi
{
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
    /// <param name="imports">Imports, audits and republishes.</param>
    /// <returns>The report, or 400 with the reason when nothing could be imported.</returns>
    public static Task<Results<Ok<ImportReport>, ValidationProblem>> ImportStaffAsync(string school, bool? full, HttpRequest request, PeopleImports imports) =>
        ImportAsync(imports, school, PersonKind.Staff, full ?? false, request);

    /// <summary>Imports pupils.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="full">Whether the file lists all pupils.</param>
    /// <param name="request">The request (CSV body).</param>
    /// <param name="imports">Imports, audits and republishes.</param>
    /// <returns>The report, or 400 with the reason when nothing could be imported.</returns>
    public static Task<Results<Ok<ImportReport>, ValidationProblem>> ImportPupilsAsync(string school, bool? full, HttpRequest request, PeopleImports imports) =>
        ImportAsync(imports, school, PersonKind.Pupil, full ?? false, request);

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
    /// <param name="cards">Enrols, audits and republishes.</param>
    /// <param name="http">The request.</param>
    /// <returns>201 with the credential (hash only), 200 when it was the person's already, 400, 404, or 409 when it is someone else's.</returns>
    public static async Task<Results<Created<CredentialInfo>, Ok<CredentialInfo>, ValidationProblem, NotFound<string>, Conflict<string>>> EnrolCardAsync(
        string school, string personId, EnrolCardRequest body, CardCredentials cards, HttpContext http) =>
        Answer(school, personId, await cards.EnrolAsync(http, school, personId, body.Uid));

    /// <summary>Revokes a card.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <param name="credential">The credential hash.</param>
    /// <param name="cards">Revokes, audits and republishes.</param>
    /// <param name="http">The request.</param>
    /// <returns>204, or 404 when the person holds no such valid credential.</returns>
    public static async Task<Results<NoContent, NotFound<string>, ValidationProblem>> RevokeCredentialAsync(
        string school, string personId, string credential, CardCredentials cards, HttpContext http)
    {
        Outcome<bool> outcome = await cards.RevokeAsync(http, school, personId, credential);
        return outcome switch
        {
            { Errors: not null } => outcome.ToValidationProblem(),
            { Missing: { } missing } => TypedResults.NotFound(missing),
            _ => TypedResults.NoContent(),
        };
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
    /// <param name="cards">Links, audits and republishes.</param>
    /// <param name="http">The request.</param>
    /// <returns>201 with the credential, 200 when it was the person's already, 400, 404 (no such person or pending card) or 409.</returns>
    public static async Task<Results<Created<CredentialInfo>, Ok<CredentialInfo>, ValidationProblem, NotFound<string>, Conflict<string>>> LinkPendingCardAsync(
        string school, string credential, LinkCardRequest body, CardCredentials cards, HttpContext http) =>
        Answer(school, body.PersonId ?? string.Empty, await cards.LinkPendingAsync(http, school, credential, body.PersonId));

    private static Results<Created<CredentialInfo>, Ok<CredentialInfo>, ValidationProblem, NotFound<string>, Conflict<string>> Answer(
        string school, string personId, Outcome<EnrolmentResult> outcome) => outcome switch
        {
            { Errors: not null } => outcome.ToValidationProblem(),
            { Missing: { } missing } => TypedResults.NotFound(missing),
            { Conflict: { } why } => TypedResults.Conflict(why),
            { Value.Status: EnrolmentStatus.Enrolled } => TypedResults.Created($"/api/schools/{school}/people/{personId}/credentials", outcome.Value.Credential!),
            _ => TypedResults.Ok(outcome.Value!.Credential!),
        };

    private static async Task<Results<Ok<ImportReport>, ValidationProblem>> ImportAsync(
        PeopleImports imports, string school, string kind, bool full, HttpRequest request)
    {
        Outcome<ImportReport> outcome = request.ContentLength > PeopleImports.MaxCsvBytes
            ? PeopleImports.TooLarge()
            : await imports.ImportAsync(request.HttpContext, school, kind, request.Body, full);
        return outcome.Done ? TypedResults.Ok(outcome.Value!) : outcome.ToValidationProblem();
    }
}
