using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Phones taken out without the locker (override key, dead controller): recorded at the gateway by SLT or the IT
/// technician, ending the custody in the ledger and clearing the compartment at the locker (<see cref="Reconciliations"/>).
/// </summary>
public static class ReconciliationsApi
{
    /// <summary>
    /// Maps /api/schools/{school}/lockers/{locker}/reconciliations.
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapReconciliationsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/schools/{school}/lockers/{locker}/reconciliations").WithTags("Commands").AddEndpointFilter<SchoolScopeFilter>().RequireAuthorization(Policies.Custody);
        api.MapPost("/", RecordAsync).WithName("RecordReconciliation")
            .WithSummary("Records a phone taken out without the locker: a gateway-recorded ledger entry ends its custody, and the locker is sent a clear.");
        api.MapGet("/", ListAsync).WithName("ListReconciliations").WithSummary("The phones recorded as taken out without the locker, newest first.");
        return api;
    }

    /// <summary>Records a reconciliation.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="body">The report.</param>
    /// <param name="reconciliations">Records it.</param>
    /// <param name="http">The request (user, address).</param>
    /// <returns>201 with the entry and the clear; 400 with field errors; 403, 404 or 409 with the reason.</returns>
    public static async Task<Results<Created<ReconcileOutcome>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        string school, string locker, ReconcileRequest body, Reconciliations reconciliations, HttpContext http)
    {
        if (new Validation().School(school).Locker(locker) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        ReconcileOutcome outcome = await reconciliations.RecordAsync(school, locker, body, http.User, http.Connection.RemoteIpAddress?.ToString() ?? "-", http.RequestAborted);
        if (outcome.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return outcome.Recorded is null
            ? TypedResults.Problem(outcome.Problem, statusCode: outcome.Status)
            : TypedResults.Created($"/api/schools/{school}/lockers/{locker}/reconciliations", outcome);
    }

    /// <summary>Lists a locker's reconciliations.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="ledger">The ledger.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>Newest first.</returns>
    public static async Task<Results<Ok<IReadOnlyList<Reconciliation>>, ValidationProblem>> ListAsync(string school, string locker, LedgerStore ledger, CancellationToken cancellationToken)
    {
        if (new Validation().School(school).Locker(locker) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        return TypedResults.Ok(await ledger.ListReconciliationsAsync(school, locker, cancellationToken));
    }
}
