using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Recorded exceptions (SLT-agreed, trips, Headteacher consents). Append-only.
/// </summary>
public static class ExceptionsApi
{
    /// <summary>
    /// Maps /api/schools/{school}/exceptions.
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapExceptionsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/schools/{school}").WithTags("Exceptions").AddEndpointFilter<SchoolScopeFilter>();
        api.MapGet("/exceptions", ListExceptionsAsync).WithName("ListExceptions").WithSummary("Recorded exceptions, filtered by ?kind=, ?person= and ?on=yyyy-MM-dd; Office see Headteacher consents only.").RequireAuthorization(Policies.Office);
        api.MapPost("/exceptions/staff", AddStaffExceptionAsync).WithName("AddStaffException").WithSummary("Records an exception agreed with a member of the SLT.").RequireAuthorization(Policies.Compliance);
        api.MapPost("/exceptions/trips", AddTripAsync).WithName("AddTrip").WithSummary("Records a school visit or trip: phones for emergency use only.").RequireAuthorization(Policies.Compliance);
        api.MapPost("/exceptions/consents", AddConsentAsync).WithName("AddConsent").WithSummary("Records the Headteacher's consent to a parent's request to keep a pupil's phone safe (Headteacher accounts only).").RequireAuthorization(Policies.Consent);
        return app;
    }

    /// <summary>Lists exceptions.</summary>
    /// <param name="store">Exceptions.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="kind">slt-agreed, trip or headteacher-consent (optional).</param>
    /// <param name="person">Person (optional).</param>
    /// <param name="on">Only those covering this date (optional).</param>
    /// <param name="user">The signed-in user: Office staff see only Headteacher consents (pupils' phones they hold),
    /// never staff exceptions, whose reasons may be medical.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The exceptions, 400, or 403 when Office ask for staff exceptions.</returns>
    public static async Task<Results<Ok<List<PolicyException>>, ValidationProblem, ForbidHttpResult>> ListExceptionsAsync(
        ExceptionStore store, string school, string? kind, string? person, string? on, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(UserRoles.Slt) && !user.IsInRole(UserRoles.Admin))
        {
            if (kind is not null && kind != ExceptionKind.HeadteacherConsent)
            {
                return TypedResults.Forbid();
            }

            kind = ExceptionKind.HeadteacherConsent;
        }

        var v = new Validation();
        if (kind is not null)
        {
            v.OneOf("kind", kind, ExceptionKind.All);
        }

        DateOnly? day = on is null ? null : v.Date("on", on);
        return v.IsValid ? TypedResults.Ok(await store.ListAsync(school, kind, person, day, cancellationToken)) : TypedResults.ValidationProblem(v.Errors);
    }

    /// <summary>Records an exception agreed by the signed-in member of the SLT.</summary>
    /// <param name="store">Exceptions.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="request">The exception.</param>
    /// <param name="user">The signed-in user, recorded as who agreed and entered it.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>201 with the exception, or 400.</returns>
    public static async Task<Results<Created<PolicyException>, ValidationProblem>> AddStaffExceptionAsync(ExceptionStore store, string school, StaffExceptionRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var v = new Validation();
        v.School(school);
        string person = v.Required("personId", request.PersonId);
        string reason = v.Required("reason", request.Reason, 1000);
        string recordedBy = v.Required("recordedBy", user.Identity?.Name);
        (DateOnly from, DateOnly to) = v.DateRange("from", request.From, "to", request.To);
        if (!v.IsValid)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        PolicyException stored = (await store.AddAsync(school, ExceptionKind.SltAgreed, [person], from, to, recordedBy, reason, recordedBy, cancellationToken))[0];
        return TypedResults.Created($"/api/schools/{school}/exceptions?person={Uri.EscapeDataString(person)}", stored);
    }

    /// <summary>Records a trip.</summary>
    /// <param name="store">Exceptions.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="request">The trip.</param>
    /// <param name="user">The signed-in user, recorded as who entered it.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>201 with one exception per member of staff, or 400.</returns>
    public static async Task<Results<Created<IReadOnlyList<PolicyException>>, ValidationProblem>> AddTripAsync(ExceptionStore store, string school, TripRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        request = request with { RecordedBy = user.Identity?.Name };
        var v = new Validation();
        v.School(school);
        string name = v.Required("name", request.Name, 1000);
        string leader = v.Required("leader", request.Leader);
        string recordedBy = v.Required("recordedBy", request.RecordedBy);
        (DateOnly from, DateOnly to) = v.DateRange("from", request.From, "to", request.To);
        List<string> people = [.. (request.People ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.Ordinal)];
        if (people.Count == 0)
        {
            v.Add("people", "name at least one member of staff");
        }

        if (!v.IsValid)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        IReadOnlyList<PolicyException> stored = await store.AddAsync(school, ExceptionKind.Trip, people, from, to, leader, name, recordedBy, cancellationToken);
        return TypedResults.Created($"/api/schools/{school}/exceptions?kind=trip", stored);
    }

    /// <summary>Records the signed-in Headteacher's consent.</summary>
    /// <param name="store">Exceptions.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="request">The consent.</param>
    /// <param name="user">The signed-in Headteacher, recorded as who consented and entered it.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>201 with the consent, or 400.</returns>
    public static async Task<Results<Created<PolicyException>, ValidationProblem>> AddConsentAsync(ExceptionStore store, string school, ConsentRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var v = new Validation();
        v.School(school);
        string pupil = v.Required("pupilId", request.PupilId);
        string reason = v.Required("reason", request.Reason, 1000);
        string by = v.Required("recordedBy", user.Identity?.Name);
        (DateOnly from, DateOnly to) = v.DateRange("from", request.From, "to", request.To);
        if (!v.IsValid)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        PolicyException stored = (await store.AddAsync(school, ExceptionKind.HeadteacherConsent, [pupil], from, to, by, reason, by, cancellationToken))[0];
        return TypedResults.Created($"/api/schools/{school}/exceptions?person={Uri.EscapeDataString(pupil)}", stored);
    }
}
