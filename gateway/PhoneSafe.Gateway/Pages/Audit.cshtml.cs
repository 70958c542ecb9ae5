using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// The audit log of the reviewer's school: every sign-in, every view of personal data and every change. SLT review it
/// (outside the Admin role, whose own actions are in it); Admin can read it too. Above it, the ledger events kept past
/// their retention period because something still needs them, and why (for the DPO).
/// </summary>
/// <param name="users">Audit log.</param>
/// <param name="retention">The events held past retention.</param>
[Authorize(Policy = Policies.AuditReview)]
public sealed class AuditModel(UserStore users, RetentionStore retention) : PageModel
{
    /// <summary>Gets the events held past retention, by reason.</summary>
    public IReadOnlyList<HeldRecords> Held { get; private set; } = [];

    /// <summary>Gets the newest lines.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>Shows the newest 500 lines.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await HttpContext.AuditAsync(users, "view:audit-log");
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        Held = await retention.ListHeldAsync(school, HttpContext.RequestAborted);
        Entries = await users.GetAuditAsync(school, 500, HttpContext.RequestAborted);
        return Page();
    }
}
