using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Records about people over time: custody sessions derived from the ledger, and the subject access export.
/// </summary>
public static class RecordsApi
{
    /// <summary>
    /// Maps /api/schools/{school}/custody/sessions (SLT, Admin) and /api/schools/{school}/people/{personId}/export (Admin).
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/schools/{school}").WithTags("Records").AddEndpointFilter<SchoolScopeFilter>();
        api.MapGet("/custody/sessions", ListSessionsAsync).WithName("ListCustodySessions")
            .WithSummary("Custody sessions from the ledger (who, which locker and compartment, in at, out at), optionally of one person and overlapping [from, to).")
            .RequireAuthorization(Policies.Compliance).WithMetadata(AuditedInHandler.Instance);
        api.MapGet("/people/{personId}/export", ExportPersonAsync).WithName("ExportPerson")
            .WithSummary("Everything held about one person (subject access request) as JSON; audited.")
            .RequireAuthorization(Policies.Administration).WithMetadata(AuditedInHandler.Instance);
        return app;
    }

    /// <summary>Lists custody sessions (audited).</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="person">Only this person's phone.</param>
    /// <param name="from">ISO 8601 instant: only sessions still open at or after it.</param>
    /// <param name="to">ISO 8601 instant: only sessions that began before it.</param>
    /// <param name="store">Custody sessions.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request.</param>
    /// <returns>Sessions by start time, or 400 for a bad instant.</returns>
    public static async Task<Results<Ok<IReadOnlyList<CustodySession>>, ValidationProblem>> ListSessionsAsync(
        string school, string? person, string? from, string? to, CustodySessionStore store, UserStore users, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        DateTimeOffset? fromUtc = ParseInstant("from", from, errors);
        DateTimeOffset? toUtc = ParseInstant("to", to, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        IReadOnlyList<CustodySession> sessions = await store.ListAsync(school, person, fromUtc, toUtc, http.RequestAborted);
        string detail = person is null ? $"school={school}; rows={sessions.Count}" : $"{SubjectAccessStore.AuditDetail(school, person)}; rows={sessions.Count}";
        await http.AuditAsync(users, "view:custody-sessions", detail);
        return TypedResults.Ok(sessions);
    }

    /// <summary>Exports everything held about a person (audited).</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <param name="store">The export.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request.</param>
    /// <returns>The export, or 404 when nothing is held.</returns>
    public static async Task<Results<Ok<SubjectAccessExport>, NotFound>> ExportPersonAsync(string school, string personId, SubjectAccessStore store, UserStore users, HttpContext http)
    {
        // Audited first, so the export itself lists this request.
        await http.AuditAsync(users, "export:person", SubjectAccessStore.AuditDetail(school, personId));
        SubjectAccessExport? export = await store.ExportAsync(school, personId, http.RequestAborted);
        return export is null ? TypedResults.NotFound() : TypedResults.Ok(export);
    }

    private static DateTimeOffset? ParseInstant(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset value))
        {
            return value;
        }

        errors[name] = [$"{name} must be an ISO 8601 date or instant, such as 2026-11-25 or 2026-11-25T08:00:00Z"];
        return null;
    }
}
