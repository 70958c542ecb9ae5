using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Read endpoints of the custody ledger and the ingest pipeline.
/// </summary>
public static class CustodyApi
{
    /// <summary>
    /// Maps /api/custody, /api/ingest and /api/quarantine, and /health (database, broker and ledger-queue checks as JSON;
    /// anonymous, so it says nothing about people).
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapGatewayApis(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api").WithTags("Ledger");
        api.MapGet("/custody", GetCustodyAsync).WithName("GetCustody").WithSummary("Phones in custody now, one row per occupied compartment.")
            .RequireAuthorization(Policies.Custody).WithMetadata(AuditedInHandler.Instance);
        api.MapGet("/ingest", GetIngestStatistics).WithName("GetIngestStatistics").WithSummary("Ingest counters since start: received, stored, duplicates, rejected by reason, acks.")
            .RequireAuthorization(Policies.Administration);
        api.MapGet("/quarantine", GetQuarantineAsync).WithName("GetQuarantine").WithSummary("The most recent refused messages, kept for inspection.")
            .RequireAuthorization(Policies.Administration);
        app.MapLedgerApi();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = Health.HealthResponse.WriteAsync })
            .AllowAnonymous();
        return app;
    }

    /// <summary>Lists phones in custody in the signed-in user's school (audited).</summary>
    /// <param name="store">The ledger.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request.</param>
    /// <returns>The custody rows.</returns>
    public static async Task<Ok<IReadOnlyList<CustodyItem>>> GetCustodyAsync(ILedgerStore store, UserStore users, HttpContext http)
    {
        string school = http.User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        IReadOnlyList<CustodyItem> items = await store.GetCustodyAsync(school, http.RequestAborted);
        await http.AuditAsync(users, "view:custody-api", $"school={school}; rows={items.Count}");
        return TypedResults.Ok(items);
    }

    /// <summary>Returns the ingest counters: gateway-wide totals, and the rate-limited lockers of the user's school only.</summary>
    /// <param name="counters">The counters.</param>
    /// <param name="http">The request (the user's school).</param>
    /// <returns>A snapshot.</returns>
    public static Ok<IngestStatistics> GetIngestStatistics(IngestCounters counters, HttpContext http)
    {
        string prefix = http.User.FindFirst(GatewayClaims.School)?.Value + "/";
        IngestStatistics all = counters.Snapshot();
        return TypedResults.Ok(all with { RateLimited = new SortedDictionary<string, long>(all.RateLimited.Where(l => l.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(), StringComparer.Ordinal) });
    }

    /// <summary>Lists quarantined messages on the user's school's topics.</summary>
    /// <param name="store">The ledger.</param>
    /// <param name="limit">How many (1 to 1000, default 100).</param>
    /// <param name="http">The request (the user's school).</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>Newest first, or 400 when the limit is out of range.</returns>
    public static async Task<Results<Ok<IReadOnlyList<QuarantinedMessage>>, ValidationProblem>> GetQuarantineAsync(ILedgerStore store, int? limit, HttpContext http, CancellationToken cancellationToken)
    {
        int take = limit ?? 100;
        if (take is < 1 or > 1000)
        {
            return Validation.Problem("limit", "must be between 1 and 1000");
        }

        return TypedResults.Ok(await store.GetQuarantineAsync(http.User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty, take, cancellationToken));
    }
}
