using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Sends each role to its starting page.
/// </summary>
public sealed class IndexModel : PageModel
{
    /// <summary>Redirects by role.</summary>
    /// <returns>A redirect.</returns>
    public IActionResult OnGet() => Redirect(User.IsInRole(UserRoles.Staff) ? "/me" : "/today");
}
