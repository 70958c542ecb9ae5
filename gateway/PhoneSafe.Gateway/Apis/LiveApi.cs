using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Server-sent events that keep dashboard pages live.
/// </summary>
public static class LiveApi
{
    /// <summary>
    /// Maps GET /live (any signed-in user; notices carry no personal data, only what changed).
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/live", StreamChanges).WithName("LiveUpdates").WithSummary("Server-sent events naming what changed: custody, lockers, flags.").WithTags("Dashboard");
        return app;
    }

    /// <summary>Streams change notices while the session stays current.</summary>
    /// <param name="live">The broadcaster.</param>
    /// <param name="http">The request (its signed-in user).</param>
    /// <param name="cancellationToken">The page closed.</param>
    /// <returns>An event stream.</returns>
    public static ServerSentEventsResult<string> StreamChanges(LiveUpdates live, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Notices(live, http, cancellationToken));

    // The stream outlives the sign-in check of its request: each notice re-checks the session, so a disabled account
    // or an expired session gets nothing more, and the stream ends (the browser's reconnect then meets the sign-in).
    private static async IAsyncEnumerable<SseItem<string>> Notices(LiveUpdates live, HttpContext http, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<string>("hello", eventType: "connected");
        await foreach (string topic in live.SubscribeAsync(cancellationToken))
        {
            if (!await SessionValidation.IsCurrentAsync(http, http.User))
            {
                yield break;
            }

            yield return new SseItem<string>(topic, eventType: topic);
        }
    }
}
