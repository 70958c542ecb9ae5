using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Today: every phone in custody now, by locker, updated live as doors close. Each view is audited.
/// </summary>
/// <param name="ledger">Custody.</param>
/// <param name="people">Names of credential owners.</param>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.Custody)]
public sealed class TodayModel(ILedgerStore ledger, PeopleStore people, UserStore users) : PageModel
{
    /// <summary>Gets the phones in custody, grouped by locker.</summary>
    public IReadOnlyList<IGrouping<string, BoardRow>> Lockers { get; private set; } = [];

    /// <summary>Shows the page.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync("view:today");
        return Page();
    }

    /// <summary>Returns only the board, for the live refresh.</summary>
    /// <returns>The board fragment.</returns>
    public async Task<IActionResult> OnGetBoardAsync()
    {
        await LoadAsync("view:today-refresh");
        return Partial("_Board", this);
    }

    private async Task LoadAsync(string action)
    {
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        var rows = new List<BoardRow>();
        foreach (CustodyItem item in await ledger.GetCustodyAsync(school, HttpContext.RequestAborted))
        {
            Person? owner = await people.FindByCredentialAsync(item.School, item.Credential, HttpContext.RequestAborted);
            rows.Add(new BoardRow(item.Locker, item.Compartment, owner?.DisplayName ?? "unknown badge", item.SinceUtc));
        }

        Lockers = rows.GroupBy(r => r.Locker).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        await HttpContext.AuditAsync(users, action, $"school={school}; rows={rows.Count}");
    }
}
