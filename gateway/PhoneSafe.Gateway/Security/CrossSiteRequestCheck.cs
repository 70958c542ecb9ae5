namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Refuses cross-site requests that change data through the JSON API (cross-site request forgery): a POST, PUT,
/// PATCH or DELETE to <c>/api</c> is answered 403 when the browser says it comes from another site
/// (<c>Sec-Fetch-Site</c>) or its <c>Origin</c> is not this gateway. Scripts and tools that send neither header
/// (curl, PowerShell) are not browsers, so they cannot carry a victim's cookie and are let through.
/// </summary>
/// <remarks>
/// The session cookie is already SameSite=Strict (Lax with single sign-on) and the dashboard's forms carry
/// antiforgery tokens; this check covers the API, whose endpoints take JSON or CSV bodies rather than forms.
/// Behind a reverse proxy the proxy must pass the original Host header, or every browser POST is refused.
/// </remarks>
/// <param name="next">The rest of the pipeline.</param>
/// <param name="logger">Logs each refusal.</param>
public sealed class CrossSiteRequestCheck(RequestDelegate next, ILogger<CrossSiteRequestCheck> logger)
{
    /// <summary>
    /// Checks one request.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the request is answered.</returns>
    public Task InvokeAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (ChangesData(request.Method) && request.Path.StartsWithSegments("/api") && IsCrossSite(request, out string why))
        {
            logger.LogWarning("Refused a cross-site {Method} {Path}: {Why}", request.Method, request.Path, why);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync($"Cross-site request refused: {why}.");
        }

        return next(context);
    }

    private static bool ChangesData(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private static bool IsCrossSite(HttpRequest request, out string why)
    {
        string? fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite is not null && fetchSite is not ("same-origin" or "none"))
        {
            why = $"Sec-Fetch-Site is {fetchSite}";
            return true;
        }

        string? origin = request.Headers.Origin;
        if (origin is not null && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            why = $"Origin {origin} is not this gateway";
            return true;
        }

        why = string.Empty;
        return false;
    }
}
