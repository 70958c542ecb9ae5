using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>
/// Every API endpoint the gateway maps, found from its routing table (so a new endpoint is covered without editing
/// this test), refuses anonymous callers with 401 and signed-in Staff with 403, unless it is explicitly anonymous.
/// </summary>
public sealed class EndpointAuthorizationTests
{
    private const string School = "enum-school";

    [Fact]
    public async Task EveryApiEndpoint_RefusesAnonymousAndStaffCallers()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        List<(string Method, string Path, string ContentType)> endpoints = ApiEndpoints(gateway);
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} API endpoints found");
        HttpClient anonymous = gateway.CreateHttpsClient();
        HttpClient staff = await gateway.SignInAsync(UserRoles.Staff, School, "T001");

        var failures = new List<string>();
        foreach ((string method, string path, string contentType) in endpoints)
        {
            HttpStatusCode asAnonymous = await SendAsync(anonymous, method, path, contentType);
            HttpStatusCode asStaff = await SendAsync(staff, method, path, contentType);
            if (asAnonymous != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {path} anonymous -> {(int)asAnonymous}");
            }

            if (asStaff != HttpStatusCode.Forbidden)
            {
                failures.Add($"{method} {path} Staff -> {(int)asStaff}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static List<(string Method, string Path, string ContentType)> ApiEndpoints(GatewayHost gateway) =>
        gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, Concrete(e.RoutePattern.RawText!),
                e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json")))
            .Distinct()
            .ToList();

    // Route parameters get plausible values for this school; constraints such as {id:long} are dropped.
    private static string Concrete(string pattern) =>
        Regex.Replace(pattern, @"\{([a-zA-Z]+)(:[^}]*)?\}", m => m.Groups[1].Value switch
        {
            "school" => School,
            "id" or "compartment" => "1",
            "date" => "2026-11-25",
            "credential" => new string('a', 32),
            _ => "x1",
        });

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path, string contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent(contentType == "application/json" ? "{}" : "x", System.Text.Encoding.UTF8, contentType);
        }

        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
