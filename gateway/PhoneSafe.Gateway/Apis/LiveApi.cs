using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
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

    /// <summary>Streams change notices.</summary>
    /// <param name="live">The broadcaster.</param>
    /// <param name="cancellationToken">The page closed.</param>
    /// <returns>An event stream.</returns>
    public static ServerSentEventsResult<string> StreamChanges(LiveUpdates live, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Notices(live, cancellationToken));

    private static async IAsyncEnumerable<SseItem<string>> Notices(LiveUpdates live, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<string>("hello", eventType: "connected");
        await foreach (string topic in live.SubscribeAsync(cancellationToken))
        {
            yield return new SseItem<string>(topic, eventType: topic);
        }
    }
}
