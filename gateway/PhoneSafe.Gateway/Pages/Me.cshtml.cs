using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// A member of staff's own record: their phone in custody now, their recent deposits and retrievals, the flags about
/// them and, until each is resolved, their own account of it (which SLT see on the flag's page).
/// </summary>
/// <param name="ledger">Custody.</param>
/// <param name="people">Links credentials to the signed-in person.</param>
/// <param name="flags">Their deposit history and flags.</param>
/// <param name="accounts">Their accounts of flags.</param>
/// <param name="accountService">Saves an account.</param>
/// <param name="users">Audit log.</param>
[Authorize(Roles = UserRoles.Staff)]
public sealed class MeModel(ILedgerStore ledger, PeopleStore people, FlagStore flags, FlagAccountStore accounts, FlagAccounts accountService, UserStore users) : PageModel
{
    /// <summary>How many deposits and retrievals the page lists.</summary>
    public const int HistoryRows = 50;

    /// <summary>Gets the member's phones in custody now.</summary>
    public IReadOnlyList<CustodyItem> Items { get; private set; } = [];

    /// <summary>Gets their recent deposits and retrievals, newest first.</summary>
    public IReadOnlyList<StoredEvent> History { get; private set; } = [];

    /// <summary>Gets the flags about them, newest first.</summary>
    public IReadOnlyList<Flag> Flags { get; private set; } = [];

    /// <summary>Gets their accounts of flags, by flag id.</summary>
    public IReadOnlyDictionary<long, FlagAccount> Accounts { get; private set; } = new Dictionary<long, FlagAccount>();

    /// <summary>Gets or sets the flag an account is about.</summary>
    [BindProperty]
    public long FlagId { get; set; }

    /// <summary>Gets or sets the account.</summary>
    [BindProperty]
    public string? Account { get; set; }

    /// <summary>Gets the outcome message.</summary>
    public string? Message { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Message"/> reports an error.</summary>
    public bool IsError { get; private set; }

    private string School => User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;

    private string Person => User.FindFirst(GatewayClaims.PersonId)?.Value ?? string.Empty;

    /// <summary>Shows the page.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        await HttpContext.AuditAsync(users, "view:own-record", $"person={Person}");
        return Page();
    }

    /// <summary>Saves the member's account of one of their flags.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostAccountAsync()
    {
        ActionOutcome<FlagAccount> outcome = await accountService.SaveAsync(School, FlagId, new FlagAccountRequest(Account), Actor.Of(HttpContext), HttpContext.RequestAborted);
        (IsError, Message) = outcome.Done ? (false, $"Your account of flag {FlagId} is saved; SLT will see it with the flag.") : (true, outcome.Problem);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        string school = School;
        string person = Person;
        // Every card the person has had, revoked ones included: a phone deposited before a card was replaced is still theirs.
        HashSet<string> cards = [.. (await people.ListCredentialsAsync(school, person, cancellationToken)).Select(c => c.Credential)];
        Items = [.. (await ledger.GetCustodyAsync(school, cancellationToken)).Where(item => cards.Contains(item.Credential))];
        if (person.Length == 0)
        {
            return;
        }

        History = await flags.GetCustodyEventsOfAsync(school, person, HistoryRows, cancellationToken);
        Flags = await flags.ListAsync(school, new FlagFilter(PersonId: person, Limit: 100), cancellationToken);
        Accounts = (await accounts.ListOfAsync(school, person, cancellationToken)).ToDictionary(a => a.FlagId);
    }
}
