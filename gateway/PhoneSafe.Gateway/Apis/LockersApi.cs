using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Locker units: registration (keys shown once), status and configuration versions, compartment reservations.
/// </summary>
public static class LockersApi
{
    /// <summary>
    /// Maps /api/schools/{school}/lockers/... (one group, to protect as one area).
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapLockersApi(this IEndpointRouteBuilder app)
    {
        // Registering and configuring lockers is the IT technician's (Admin); SLT and the office may see their status.
        RouteGroupBuilder api = app.MapGroup("/api/schools/{school}/lockers").WithTags("Lockers").AddEndpointFilter<SchoolScopeFilter>();
        api.MapPost("/", RegisterLockerAsync).WithName("RegisterLocker")
            .WithSummary("Registers a classroom or office unit and returns its device key and the school's credential key, once.").RequireAuthorization(Policies.Administration);
        api.MapGet("/", ListLockersAsync).WithName("ListLockers")
            .WithSummary("Lockers with online/offline status, acknowledged sequence, configuration versions published and applied.").RequireAuthorization(Policies.Custody);
        api.MapGet("/{locker}", GetLockerAsync).WithName("GetLocker").WithSummary("One locker.").RequireAuthorization(Policies.Custody);
        api.MapPost("/{locker}/key", RotateKeyAsync).WithName("RotateLockerKey")
            .WithSummary("Re-provisions a locker with a new device key, returned once; messages signed with the old key are refused from then on.").RequireAuthorization(Policies.Administration);
        api.MapPost("/publish", PublishAsync).WithName("PublishLockerConfigs")
            .WithSummary("Rebuilds every locker configuration of the school now and publishes those that changed.").RequireAuthorization(Policies.Administration);
        api.MapGet("/{locker}/compartments", ListAssignmentsAsync).WithName("ListCompartmentAssignments")
            .WithSummary("Compartments reserved for staff at a locker.").RequireAuthorization(Policies.Administration);
        api.MapPut("/{locker}/compartments/{compartment:int}", AssignCompartmentAsync).WithName("AssignCompartment")
            .WithSummary("Reserves a compartment of a classroom unit for a member of staff (moving them from any other at that unit).").RequireAuthorization(Policies.Administration);
        api.MapDelete("/{locker}/compartments/{compartment:int}", ClearCompartmentAsync).WithName("ClearCompartment")
            .WithSummary("Clears a compartment's reservation.").RequireAuthorization(Policies.Administration);
        return api;
    }

    /// <summary>Registers a locker.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="body">Locker, kind and size.</param>
    /// <param name="registrations">Makes its keys, records, audits and publishes.</param>
    /// <param name="http">The request.</param>
    /// <returns>201 with the keys; 409 when the locker exists (its keys are never shown again); 400.</returns>
    public static async Task<Results<Created<RegisteredLocker>, ValidationProblem, Conflict<string>>> RegisterLockerAsync(
        string school, RegisterLockerRequest body, LockerRegistrations registrations, HttpContext http)
    {
        Outcome<RegisteredLocker> outcome = await registrations.RegisterAsync(http, school, body);
        return outcome switch
        {
            { Errors: not null } => outcome.ToValidationProblem(),
            { Conflict: { } why } => TypedResults.Conflict(why),
            _ => TypedResults.Created($"/api/schools/{school}/lockers/{outcome.Value!.Locker}", outcome.Value),
        };
    }

    /// <summary>Gives a locker a new device key (lost or replaced controller, suspected leak) and republishes its configuration under it.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="registrations">Replaces the key, audits and republishes.</param>
    /// <param name="http">The request.</param>
    /// <returns>200 with the new keys (shown once); 404 when the locker has no key; 400.</returns>
    public static async Task<Results<Ok<RegisteredLocker>, NotFound<string>, ValidationProblem>> RotateKeyAsync(
        string school, string locker, LockerRegistrations registrations, HttpContext http)
    {
        Outcome<RegisteredLocker> outcome = await registrations.RotateKeyAsync(http, school, locker);
        return outcome switch
        {
            { Errors: not null } => outcome.ToValidationProblem(),
            { Missing: { } missing } => TypedResults.NotFound(missing),
            _ => TypedResults.Ok(outcome.Value!),
        };
    }

    /// <summary>Lists lockers.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>Lockers ordered by identifier.</returns>
    public static async Task<Results<Ok<IReadOnlyList<LockerInfo>>, ValidationProblem>> ListLockersAsync(
        string school, LockerRegistryStore registry, CancellationToken cancellationToken)
    {
        if (new Validation().School(school) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        return TypedResults.Ok(await registry.ListLockersAsync(school, null, cancellationToken));
    }

    /// <summary>Gets one locker.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The locker, 404 or 400.</returns>
    public static async Task<Results<Ok<LockerInfo>, NotFound<string>, ValidationProblem>> GetLockerAsync(
        string school, string locker, LockerRegistryStore registry, CancellationToken cancellationToken)
    {
        if (new Validation().School(school).Locker(locker) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        LockerInfo? info = (await registry.ListLockersAsync(school, locker, cancellationToken)).FirstOrDefault();
        return info is null ? TypedResults.NotFound($"no locker {locker}") : TypedResults.Ok(info);
    }

    /// <summary>Publishes the school's locker configurations now.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="publisher">The publisher.</param>
    /// <param name="bus">The broker connection.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>One result per registered locker; 503 when the gateway is not connected to the broker.</returns>
    public static async Task<Results<Ok<IReadOnlyList<PublishedConfig>>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string school, LockerConfigPublisher publisher, ILockerBus bus, CancellationToken cancellationToken)
    {
        if (new Validation().School(school) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        if (!bus.IsConnected)
        {
            return TypedResults.Problem("the gateway is not connected to the broker; configurations are published when it reconnects", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok(await publisher.PublishSchoolAsync(school, force: false, cancellationToken));
    }

    /// <summary>Lists a locker's reserved compartments.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="registry">The registry.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>Reservations by compartment.</returns>
    public static async Task<Results<Ok<IReadOnlyList<CompartmentAssignment>>, ValidationProblem>> ListAssignmentsAsync(
        string school, string locker, LockerRegistryStore registry, CancellationToken cancellationToken)
    {
        if (new Validation().School(school).Locker(locker) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        return TypedResults.Ok(await registry.ListAssignmentsAsync(school, locker, cancellationToken));
    }

    /// <summary>Reserves a compartment for a member of staff.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="compartment">Compartment number.</param>
    /// <param name="body">The member of staff.</param>
    /// <param name="assignments">Reserves, audits and republishes.</param>
    /// <param name="http">The request.</param>
    /// <returns>The reservation; 404 when the locker is not registered or the person unknown; 400.</returns>
    public static async Task<Results<Ok<CompartmentAssignment>, NotFound<string>, ValidationProblem>> AssignCompartmentAsync(
        string school, string locker, int compartment, AssignCompartmentRequest body, CompartmentAssignments assignments, HttpContext http)
    {
        Outcome<CompartmentAssignment> outcome = await assignments.AssignAsync(http, school, locker, compartment, body.PersonId);
        return outcome switch
        {
            { Errors: not null } => outcome.ToValidationProblem(),
            { Missing: { } missing } => TypedResults.NotFound(missing),
            _ => TypedResults.Ok(outcome.Value!),
        };
    }

    /// <summary>Clears a compartment's reservation.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="compartment">Compartment number.</param>
    /// <param name="assignments">Clears, audits and republishes.</param>
    /// <param name="http">The request.</param>
    /// <returns>204, or 404 when it was not reserved.</returns>
    public static async Task<Results<NoContent, NotFound<string>, ValidationProblem>> ClearCompartmentAsync(
        string school, string locker, int compartment, CompartmentAssignments assignments, HttpContext http)
    {
        Outcome<bool> outcome = await assignments.ClearAsync(http, school, locker, compartment);
        return outcome switch
        {
            { Errors: not null } => outcome.ToValidationProblem(),
            { Missing: { } missing } => TypedResults.NotFound(missing),
            _ => TypedResults.NoContent(),
        };
    }
}
