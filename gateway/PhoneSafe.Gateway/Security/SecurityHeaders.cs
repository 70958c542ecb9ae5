namespace PhoneSafe.Gateway.Security;

/// <summary>
/// Browser protections on every page and API answer: a content security policy that allows only the gateway's own
/// scripts, styles and forms and no framing (<c>frame-ancestors 'none'</c>, clickjacking), no MIME sniffing, no
/// referrer, and <c>Cache-Control: no-store</c> so that personal data and locker keys are not kept in browser or proxy
/// caches. Static files (served earlier in the pipeline) stay cacheable.
/// </summary>
/// <param name="next">The rest of the pipeline.</param>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>The content security policy sent with every answer.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Adds the headers and runs the rest of the pipeline.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the request is answered.</returns>
    public Task InvokeAsync(HttpContext context)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return next(context);
    }
}
