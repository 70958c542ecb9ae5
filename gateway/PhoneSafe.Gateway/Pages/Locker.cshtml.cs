using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// One locker: status, configuration version published and acknowledged (applied), phones held, and its commands
/// with their delivery state. SLT and Admin unlock a compartment or clear a fault (with a reason); Admin makes it
/// flash its LEDs (identify), start enrolment mode, or re-provision it with a new device key (shown once). SLT and Admin
/// record a phone taken out without the locker (override key, dead controller). Commands go through
/// <see cref="CommandsApi"/>, reconciliations through <see cref="ReconciliationsApi"/> and the new key through
/// <see cref="LockersApi"/>, as from the API.
/// </summary>
/// <param name="registry">Lockers.</param>
/// <param name="ledger">Phones held.</param>
/// <param name="store">Commands.</param>
/// <param name="commands">Sends commands.</param>
/// <param name="users">Audit log.</param>
/// <param name="registrations">Gives the locker a new device key.</param>
/// <param name="reconciliations">Records phones taken out without the locker.</param>
[Authorize(Policy = Policies.Custody)]
public sealed class LockerModel(
    LockerRegistryStore registry, LedgerStore ledger, LockerCommandStore store, LockerCommands commands, UserStore users, LockerRegistrations registrations,
    Reconciliations reconciliations) : PageModel
{
    /// <summary>Gets or sets the locker shown.</summary>
    [BindProperty(SupportsGet = true)]
    public string LockerId { get; set; } = string.Empty;

    /// <summary>Gets the locker, or null when the school has none of that name.</summary>
    public LockerInfo? Info { get; private set; }

    /// <summary>Gets the phones held at this locker now.</summary>
    public IReadOnlyList<CustodyItem> Held { get; private set; } = [];

    /// <summary>Gets the locker's recent commands, newest first.</summary>
    public IReadOnlyList<LockerCommandRecord> Commands { get; private set; } = [];

    /// <summary>Gets the phones recorded at the gateway as taken out without the locker, newest first.</summary>
    public IReadOnlyList<Reconciliation> Reconciled { get; private set; } = [];

    /// <summary>Gets the new keys after a re-provisioning (shown once).</summary>
    public RegisteredLocker? NewKeys { get; private set; }

    /// <summary>Gets the outcome message.</summary>
    public string? Message { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Message"/> reports an error.</summary>
    public bool IsError { get; private set; }

    /// <summary>Shows the locker.</summary>
    /// <returns>The page, or 404.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Info is null ? NotFound() : Page();
    }

    /// <summary>Returns only the commands table, for the live refresh.</summary>
    /// <returns>The fragment.</returns>
    public async Task<IActionResult> OnGetCommandsAsync()
    {
        await LoadAsync();
        return Partial("_LockerCommands", this);
    }

    /// <summary>Sends a command to the locker.</summary>
    /// <param name="command">unlock, clear, identify or enrol.</param>
    /// <param name="compartment">The compartment (unlock, clear).</param>
    /// <param name="reason">Why (unlock, clear).</param>
    /// <returns>The page with the outcome, or 404.</returns>
    public async Task<IActionResult> OnPostCommandAsync(string? command, int? compartment, string? reason)
    {
        var result = await CommandsApi.SendCommandAsync(School, LockerId, new SendCommandRequest(command, compartment, null, reason), commands, users, HttpContext);
        (bool ok, Message) = ResultMessage.Describe(result.Result, $"Sent {command} to {LockerId}; its state shows below once the locker answers.");
        IsError = !ok;
        await LoadAsync();
        return Info is null ? NotFound() : Page();
    }

    /// <summary>Records a phone taken out without the locker (SLT, Admin).</summary>
    /// <param name="compartment">The compartment.</param>
    /// <param name="takenOut">When, school local time (yyyy-MM-ddTHH:mm).</param>
    /// <param name="takenOutBy">Who took it out.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The page with the outcome, or 404.</returns>
    public async Task<IActionResult> OnPostReconcileAsync(int? compartment, DateTime? takenOut, string? takenOutBy, string? reason)
    {
        // The page shows and takes school local time, as everywhere on the dashboard.
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(Policy.CalendarDefinition.DefaultTimeZoneId);
        DateTimeOffset? when = takenOut is DateTime local
            ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero)
            : null;
        var result = await ReconciliationsApi.RecordAsync(School, LockerId, new ReconcileRequest(compartment, when, takenOutBy, reason), reconciliations, HttpContext);
        ReconcileOutcome? outcome = (result.Result as Microsoft.AspNetCore.Http.HttpResults.Created<ReconcileOutcome>)?.Value;
        string done = outcome?.Clear is not null
            ? $"Recorded: the phone in compartment {compartment} is out of custody. A clear was sent to {LockerId}; its state shows below."
            : $"Recorded: the phone in compartment {compartment} is out of custody. The clear could not be sent ({outcome?.ClearProblem}): send \"Clear a fault\" once the locker is back.";
        (bool ok, Message) = ResultMessage.Describe(result.Result, done);
        IsError = !ok || outcome?.Clear is null;
        await LoadAsync();
        return Info is null ? NotFound() : Page();
    }

    /// <summary>Tells whether the signed-in user may record a phone taken out without the locker.</summary>
    public bool MayReconcile => Reconciliations.MayRecord(User);

    /// <summary>Re-provisions the locker with a new device key (Admin).</summary>
    /// <returns>The page with the new keys, or 403.</returns>
    public async Task<IActionResult> OnPostKeyAsync()
    {
        if (!User.IsInRole(UserRoles.Admin))
        {
            return Forbid();
        }

        Outcome<RegisteredLocker> outcome = await registrations.RotateKeyAsync(HttpContext, School, LockerId);
        NewKeys = outcome.Value;
        (bool ok, Message) = ResultMessage.Describe(outcome, "New device key made: the old key is refused from now on.");
        IsError = !ok;
        await LoadAsync();
        return Info is null ? NotFound() : Page();
    }

    /// <summary>Tells whether the signed-in user may send a command (to show only the forms they can use).</summary>
    /// <param name="command">A command name.</param>
    /// <returns>true when allowed.</returns>
    public bool May(string command) => LockerCommands.MayIssue(User, command);

    private string School => User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;

    private async Task LoadAsync()
    {
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        if (!Identifiers.IsValid(LockerId))
        {
            return;
        }

        Info = (await registry.ListLockersAsync(School, LockerId, cancellationToken)).FirstOrDefault();
        Held = (await ledger.GetCustodyAsync(School, cancellationToken)).Where(c => c.Locker == LockerId).OrderBy(c => c.Compartment).ToList();
        Commands = await store.ListRecentAsync(School, LockerId, CommandsApi.RecentCommands, cancellationToken);
        Reconciled = await ledger.ListReconciliationsAsync(School, LockerId, cancellationToken);
        await HttpContext.AuditAsync(users, "view:locker", $"locker={LockerId}; held={Held.Count}");
    }
}
