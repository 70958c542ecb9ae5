using System.Security.Claims;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Policy flags and their review: open → under investigation → resolved (explained, breach, false alarm).
/// </summary>
public static class FlagsApi
{
    /// <summary>
    /// Maps /api/schools/{school}/flags.
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapFlagsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/schools/{school}/flags").WithTags("Flags")
            .RequireAuthorization(Policies.Compliance).AddEndpointFilter<SchoolScopeFilter>();
        api.MapGet("/", ListFlagsAsync).WithName("ListFlags").WithSummary("Flags, newest first, filtered by ?status=, ?kind=, ?person=, ?from= and ?to= (dates or ISO times).");
        api.MapGet("/{id:long}", GetFlagAsync).WithName("GetFlag").WithSummary("A flag with its full review history.");
        api.MapPost("/{id:long}/review", ReviewFlagAsync).WithName("ReviewFlag").WithSummary("Moves a flag along its review, with a note and who decided; kept in its history.");
        return app;
    }

    /// <summary>Lists flags.</summary>
    /// <param name="store">Flags.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="status">open, under-investigation, resolved or suppressed (optional).</param>
    /// <param name="kind">A flag kind (optional).</param>
    /// <param name="person">Person (optional).</param>
    /// <param name="from">Occurred at or after: yyyy-MM-dd (UTC midnight) or an ISO time (optional).</param>
    /// <param name="to">Occurred before: yyyy-MM-dd (exclusive) or an ISO time (optional).</param>
    /// <param name="limit">At most this many (1 to 5000, default 500).</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The flags, or 400.</returns>
    public static async Task<Results<Ok<List<Flag>>, ValidationProblem>> ListFlagsAsync(
        FlagStore store, string school, string? status, string? kind, string? person, string? from, string? to, int? limit, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (status is not null)
        {
            v.OneOf("status", status, FlagStatus.All);
        }

        if (kind is not null)
        {
            v.OneOf("kind", kind, FlagKind.All);
        }

        DateTimeOffset? start = ParseBound(v, "from", from);
        DateTimeOffset? end = ParseBound(v, "to", to);
        int take = limit ?? 500;
        if (take is < 1 or > 5000)
        {
            v.Add("limit", "must be between 1 and 5000");
        }

        if (!v.IsValid)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        return TypedResults.Ok(await store.ListAsync(school, new FlagFilter(status, kind, person, start, end, take), cancellationToken));
    }

    /// <summary>Reads a flag with its history.</summary>
    /// <param name="store">Flags.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="id">Flag id.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The flag, or 404.</returns>
    public static async Task<Results<Ok<FlagDetails>, NotFound>> GetFlagAsync(FlagStore store, string school, long id, CancellationToken cancellationToken) =>
        await store.GetAsync(school, id, cancellationToken) is Flag flag
            ? TypedResults.Ok(new FlagDetails(flag, await store.GetHistoryAsync(id, cancellationToken)))
            : TypedResults.NotFound();

    /// <summary>Reviews a flag.</summary>
    /// <param name="reviews">Records, audits and announces the step.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="id">Flag id.</param>
    /// <param name="request">The review step (the decider recorded is the signed-in user, whatever the body says).</param>
    /// <param name="http">The request.</param>
    /// <returns>The flag with its history; 400 for a bad request; 404; 409 when the workflow does not allow the step.</returns>
    public static async Task<Results<Ok<FlagDetails>, ValidationProblem, NotFound, Conflict<string>>> ReviewFlagAsync(
        FlagReviews reviews, string school, long id, FlagReviewRequest request, HttpContext http)
    {
        Outcome<FlagDetails> outcome = await reviews.ReviewAsync(http, school, id, request.Status, request.Resolution, request.Note);
        return outcome switch
        {
            { Errors: not null } => outcome.ToValidationProblem(),
            { Missing: not null } => TypedResults.NotFound(),
            { Conflict: { } why } => TypedResults.Conflict(why),
            _ => TypedResults.Ok(outcome.Value!),
        };
    }

    private static DateTimeOffset? ParseBound(Validation v, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
        {
            return time;
        }

        v.Add(field, $"'{text}' is not a date (yyyy-MM-dd) or an ISO 8601 time");
        return null;
    }
}
