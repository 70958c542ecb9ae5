using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PhoneSafe.Gateway.Health;

/// <summary>
/// Writes /health as JSON: the overall status and each check's status, description and data. Healthy and Degraded
/// answer 200, Unhealthy 503 (the ASP.NET Core defaults), so a load balancer keeps a degraded instance in service.
/// </summary>
public static class HealthResponse
{
    /// <summary>
    /// Writes the report.
    /// </summary>
    /// <param name="http">The response's context.</param>
    /// <param name="report">The checks' results.</param>
    /// <returns>A task.</returns>
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body), http.RequestAborted);
    }
}
