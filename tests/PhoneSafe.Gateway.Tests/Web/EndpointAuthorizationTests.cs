using System.Net;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>
/// Every API endpoint the gateway maps, found from its routing table (so a new endpoint is covered without editing
/// this test), refuses anonymous callers with 401 and signed-in Staff with 403, unless it is explicitly anonymous.
/// A member of staff's own endpoints (<c>/me/</c>) are the exception for Staff: those are theirs.
/// </summary>
public sealed class EndpointAuthorizationTests
{
    private const string School = "enum-school";

    [Fact]
    public async Task EveryApiEndpoint_RefusesAnonymousAndStaffCallers()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        List<(string Method, string Path, string ContentType)> endpoints = ApiEndpoints.Of(gateway, School);
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} API endpoints found");
        HttpClient anonymous = gateway.CreateHttpsClient();
        HttpClient staff = await gateway.SignInAsync(UserRoles.Staff, School, "T001");

        var failures = new List<string>();
        foreach ((string method, string path, string contentType) in endpoints)
        {
            HttpStatusCode asAnonymous = (await ApiEndpoints.SendAsync(anonymous, method, path, contentType)).Status;
            HttpStatusCode asStaff = (await ApiEndpoints.SendAsync(staff, method, path, contentType)).Status;
            if (asAnonymous != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {path} anonymous -> {(int)asAnonymous}");
            }

            if (asStaff != HttpStatusCode.Forbidden && !path.Contains("/me/", StringComparison.Ordinal))
            {
                failures.Add($"{method} {path} Staff -> {(int)asStaff}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
