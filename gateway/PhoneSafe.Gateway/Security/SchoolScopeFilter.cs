namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Keeps every <c>/api/schools/{school}/…</c> request inside the signed-in user's own school: a user of one school
/// gets 403 for another school's routes, whatever their role.
/// </summary>
public sealed class SchoolScopeFilter : IEndpointFilter
{
    /// <inheritdoc/>
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        string? routeSchool = context.HttpContext.GetRouteValue("school") as string;
        string? userSchool = context.HttpContext.User.FindFirst(GatewayClaims.School)?.Value;
        if (routeSchool is null || !string.Equals(routeSchool, userSchool, StringComparison.Ordinal))
        {
            return ValueTask.FromResult<object?>(TypedResults.Forbid());
        }

        return next(context);
    }
}
