using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// A member of staff's own record: only custody of phones deposited with their own credentials.
/// </summary>
/// <param name="ledger">Custody.</param>
/// <param name="people">Links credentials to the signed-in person.</param>
/// <param name="users">Audit log.</param>
[Authorize(Roles = UserRoles.Staff)]
public sealed class MeModel(ILedgerStore ledger, PeopleStore people, UserStore users) : PageModel
{
    /// <summary>Gets the member's phones in custody now.</summary>
    public IReadOnlyList<CustodyItem> Items { get; private set; } = [];

    /// <summary>Shows the page.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        string person = User.FindFirst(GatewayClaims.PersonId)?.Value ?? string.Empty;
        // Every card the person has had, revoked ones included: a phone deposited before a card was replaced is still theirs.
        HashSet<string> cards = [.. (await people.ListCredentialsAsync(school, person, HttpContext.RequestAborted)).Select(c => c.Credential)];
        Items = [.. (await ledger.GetCustodyAsync(school, HttpContext.RequestAborted)).Where(item => cards.Contains(item.Credential))];
        await HttpContext.AuditAsync(users, "view:own-record", $"person={person}");
        return Page();
    }
}
