using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Signs out (POST only, with the antiforgery token).
/// </summary>
/// <param name="users">Audit log.</param>
public sealed class LogoutModel(UserStore users) : PageModel
{
    /// <summary>Signs out and returns to the sign-in page.</summary>
    /// <returns>A redirect.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.AuditAsync(users, "sign-out");
        await HttpContext.SignOutAsync();
        return Redirect("/login");
    }
}
