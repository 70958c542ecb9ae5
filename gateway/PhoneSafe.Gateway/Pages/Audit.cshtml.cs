using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// The audit log of the reviewer's school: every sign-in, every view of personal data and every change. SLT review it
/// (outside the Admin role, whose own actions are in it); Admin can read it too.
/// </summary>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.AuditReview)]
public sealed class AuditModel(UserStore users) : PageModel
{
    /// <summary>Gets the newest lines.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>Shows the newest 500 lines.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await HttpContext.AuditAsync(users, "view:audit-log");
        Entries = await users.GetAuditAsync(User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty, 500, HttpContext.RequestAborted);
        return Page();
    }
}
