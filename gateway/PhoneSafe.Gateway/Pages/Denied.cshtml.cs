using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Shown when a signed-in user opens a page their role does not allow.
/// </summary>
public sealed class DeniedModel : PageModel
{
    /// <summary>Shows the page with status 403.</summary>
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
