using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Integrity endpoints of the custody ledger.
/// </summary>
public static class LedgerApi
{
    /// <summary>
    /// Maps /api/ledger/verify.
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/ledger").WithTags("Ledger").RequireAuthorization(Policies.Compliance);
        api.MapGet("/verify", VerifyAsync).WithName("VerifyLedger").WithSummary("Recomputes the ledger's hash chains (and with ?deviceTags=true each event's device tag): OK with counts and heads, or the first broken link.");
        return app;
    }

    /// <summary>Checks the hash chain of the signed-in user's school.</summary>
    /// <param name="verifier">The verifier.</param>
    /// <param name="deviceTags">true to re-check each event's device tag with its locker's key too.</param>
    /// <param name="http">The request (its user's school is checked).</param>
    /// <returns>The verification (200 whether or not the chain holds; see <see cref="LedgerVerification.Ok"/>).</returns>
    public static async Task<Ok<LedgerVerification>> VerifyAsync(LedgerVerifier verifier, bool? deviceTags, HttpContext http) =>
        TypedResults.Ok(await verifier.VerifyAsync(http.User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty, deviceTags == true, http.RequestAborted));
}
