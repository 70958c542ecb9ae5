using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// The audit log: every sign-in and every view of personal data.
/// </summary>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.Administration)]
public sealed class AuditModel(UserStore users) : PageModel
{
    /// <summary>Gets the newest lines.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>Shows the newest 500 lines.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await HttpContext.AuditAsync(users, "view:audit-log");
        Entries = await users.GetAuditAsync(500, HttpContext.RequestAborted);
        return Page();
    }
}
