using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// Every non-anonymous API endpoint the gateway maps, read from its routing table (so a new endpoint is covered by
/// the tests that use this without editing them), with its route parameters filled in for one school.
/// </summary>
public static class ApiEndpoints
{
    public static List<(string Method, string Path, string ContentType)> Of(GatewayHost gateway, string school) =>
        gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, Concrete(e.RoutePattern.RawText!, school),
                e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json")))
            .Distinct()
            .ToList();

    /// <summary>Sends a request with a small body of the endpoint's content type (POST and PUT) and the given headers.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, string Body)> SendAsync(HttpClient client, string method, string path, string contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent(contentType == "application/json" ? "{}" : "x", System.Text.Encoding.UTF8, contentType);
        }

        foreach ((string name, string value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    // Route parameters get plausible values for this school; constraints such as {id:long} are dropped.
    private static string Concrete(string pattern, string school) =>
        Regex.Replace(pattern, @"\{([a-zA-Z]+)(:[^}]*)?\}", m => m.Groups[1].Value switch
        {
            "school" => school,
            "id" or "compartment" => "1",
            "date" => "2026-11-25",
            "credential" => new string('a', 32),
            _ => "x1",
        });
}
