using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Lockers: online, last seen, configuration published and applied, acknowledged and stored sequences, firmware (SLT and
/// Office read; Admin also registers lockers, and sees their keys once).
/// </summary>
/// <param name="registry">Lockers.</param>
/// <param name="ledger">Stored sequences.</param>
/// <param name="registrations">Registers lockers.</param>
/// <param name="firmware">Each locker's firmware version and update progress.</param>
[Authorize(Policy = Policies.Custody)]
public sealed class LockersModel(LockerRegistryStore registry, ILedgerStore ledger, LockerRegistrations registrations, FirmwareStore firmware) : PageModel
{
    /// <summary>Gets the lockers with the highest sequence stored for each.</summary>
    public IReadOnlyList<(LockerInfo Info, long StoredSequence)> Lockers { get; private set; } = [];

    /// <summary>Gets each locker's firmware, by locker.</summary>
    public IReadOnlyDictionary<string, LockerFirmware> Firmware { get; private set; } = new Dictionary<string, LockerFirmware>();

    /// <summary>Gets the locker just registered with its keys (shown once).</summary>
    public RegisteredLocker? Registered { get; private set; }

    /// <summary>Gets or sets the new locker's identifier.</summary>
    [BindProperty]
    public string? NewLocker { get; set; }

    /// <summary>Gets or sets the new locker's kind.</summary>
    [BindProperty]
    public string NewKind { get; set; } = LockerKind.Classroom;

    /// <summary>Gets or sets the new locker's compartment count.</summary>
    [BindProperty]
    public int NewCompartments { get; set; } = 8;

    /// <summary>Gets the outcome message.</summary>
    public string? Message { get; private set; }

    /// <summary>Shows the lockers.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>Registers a locker (Admin).</summary>
    /// <returns>The page with the keys, or 403.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!User.IsInRole(UserRoles.Admin))
        {
            return Forbid();
        }

        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        Outcome<RegisteredLocker> outcome = await registrations.RegisterAsync(HttpContext, school, new RegisterLockerRequest(NewLocker?.Trim(), NewKind, NewCompartments));
        if (outcome.Done)
        {
            Registered = outcome.Value;
            NewLocker = null;
        }
        else
        {
            Message = outcome.Problem;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        var rows = new List<(LockerInfo, long)>();
        foreach (LockerInfo info in await registry.ListLockersAsync(school, null, HttpContext.RequestAborted))
        {
            rows.Add((info, (await ledger.GetEventSummaryAsync(school, info.Locker, HttpContext.RequestAborted)).Max));
        }

        Lockers = rows;
        Firmware = (await firmware.ListAsync(school, HttpContext.RequestAborted)).ToDictionary(f => f.Locker);
    }
}
