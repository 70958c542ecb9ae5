using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Today: every locker and every compartment (empty, occupied with who, open, fault), online or offline, updated
/// live as lockers report. Each view is audited.
/// </summary>
/// <param name="ledger">Custody.</param>
/// <param name="people">Names of credential owners.</param>
/// <param name="registry">Lockers with compartment counts and status.</param>
/// <param name="dashboard">Latest door events.</param>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.Custody)]
public sealed class TodayModel(ILedgerStore ledger, PeopleStore people, LockerRegistryStore registry, DashboardStore dashboard, UserStore users) : PageModel
{
    /// <summary>Gets the lockers with their compartments.</summary>
    public IReadOnlyList<LockerCard> Lockers { get; private set; } = [];

    /// <summary>Gets how many phones are in custody.</summary>
    public int InCustody { get; private set; }

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
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        IReadOnlyList<CustodyItem> custody = await ledger.GetCustodyAsync(school, cancellationToken);
        List<OfficeHolding> office = await dashboard.GetOfficeHoldingsAsync(school, cancellationToken);
        var lastEvents = (await dashboard.GetLatestCompartmentEventsAsync(school, cancellationToken)).ToDictionary(e => (e.Locker, e.Compartment));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task<string> NameAsync(string credential)
        {
            if (!names.TryGetValue(credential, out string? name))
            {
                name = (await people.FindByCredentialAsync(school, credential, cancellationToken))?.DisplayName ?? "unknown badge";
                names[credential] = name;
            }

            return name;
        }

        var cards = new List<LockerCard>();
        foreach (LockerInfo locker in await registry.ListLockersAsync(school, null, cancellationToken))
        {
            int seen = custody.Where(c => c.Locker == locker.Locker).Select(c => c.Compartment)
                .Concat(lastEvents.Keys.Where(k => k.Locker == locker.Locker).Select(k => k.Compartment)).DefaultIfEmpty(0).Max();
            int count = Math.Max(locker.Compartments ?? 0, seen);
            var cells = new List<CompartmentCell>();
            for (int n = 1; n <= count; n++)
            {
                CustodyItem? held = custody.FirstOrDefault(c => c.Locker == locker.Locker && c.Compartment == n);
                lastEvents.TryGetValue((locker.Locker, n), out CompartmentEvent? last);
                if (last is { Type: EventType.DoorForced or EventType.DoorLeftOpen })
                {
                    cells.Add(new CompartmentCell(n, "fault", held is null ? null : await NameAsync(held.Credential), last.AtUtc, last.Type == EventType.DoorForced ? "door forced" : "door left open"));
                }
                else if (last is { Type: EventType.DoorOpened })
                {
                    cells.Add(new CompartmentCell(n, "open", null, last.AtUtc, null));
                }
                else if (held is not null)
                {
                    OfficeHolding? pupil = office.FirstOrDefault(o => o.Locker == held.Locker && o.Compartment == n);
                    cells.Add(new CompartmentCell(n, "occupied", await NameAsync(pupil?.PupilCredential ?? held.Credential), held.SinceUtc, null));
                }
                else
                {
                    cells.Add(new CompartmentCell(n, "empty", null, null, null));
                }
            }

            cards.Add(new LockerCard(locker.Locker, locker.Kind, locker.Online, locker.StatusUtc, cells));
        }

        Lockers = cards;
        InCustody = custody.Count;
        await HttpContext.AuditAsync(users, action, $"school={school}; rows={custody.Count}");
    }
}
