using Microsoft.AspNetCore.Routing;
using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Audits every <c>/api</c> request of a signed-in user, reads and writes, allowed or refused, through the same
/// <see cref="AuditExtensions.AuditAsync"/> the pages use: action <c>api:&lt;endpoint name&gt;</c>, detail the school,
/// the records named in the route (a person as <c>person=</c>, which the subject access export finds) and the answer's
/// status. Endpoints marked <see cref="AuditedInHandler"/> write their own line when they succeed.
/// </summary>
/// <param name="next">The rest of the pipeline.</param>
public sealed class ApiAudit(RequestDelegate next)
{
    /// <summary>
    /// Runs the request, then writes its audit line.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="users">The audit log.</param>
    /// <returns>A task.</returns>
    public async Task InvokeAsync(HttpContext context, UserStore users)
    {
        await next(context);
        if (!context.Request.Path.StartsWithSegments("/api") || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        Endpoint? endpoint = context.GetEndpoint();
        int status = context.Response.StatusCode;
        if (endpoint?.Metadata.GetMetadata<AuditedInHandler>() is not null && status < StatusCodes.Status400BadRequest)
        {
            return;
        }

        var parts = new List<string>();
        foreach ((string key, object? value) in context.Request.RouteValues)
        {
            parts.Add($"{(key == "personId" ? "person" : key)}={value}");
        }

        if (context.Request.Query["person"] is { Count: 1 } person)
        {
            parts.Add($"person={person}");
        }

        parts.Add($"status={status}");
        string name = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? context.Request.Path.Value ?? "/api";
        await context.AuditAsync(users, "api:" + name, string.Join("; ", parts));
    }
}
