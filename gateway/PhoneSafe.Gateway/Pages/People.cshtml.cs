using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Enrolment;
using PhoneSafe.Gateway.Import;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// People and credentials (Admin): CSV import with its report, cards (enrol by UID; or start enrolment mode at a
/// locker, tap the card and link it, card after card; or walk through a class or the staff list in one sitting, "tap
/// the card for …" with skip and next and a summary at the end; revoke a lost card and enrol its replacement),
/// compartment reservations. Changes republish the locker configurations. Each view is audited.
/// </summary>
/// <param name="people">People and cards.</param>
/// <param name="imports">CSV import.</param>
/// <param name="enrolment">Cards waiting to be enrolled.</param>
/// <param name="cards">Enrols and revokes cards.</param>
/// <param name="registry">Lockers and reservations.</param>
/// <param name="assignments">Reserves compartments.</param>
/// <param name="commands">Starts enrolment mode at a locker.</param>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.Administration)]
public sealed class PeopleModel(
    PeopleStore people,
    PeopleImports imports,
    CardEnrolment enrolment,
    CardCredentials cards,
    LockerRegistryStore registry,
    CompartmentAssignments assignments,
    LockerCommands commands,
    UserStore users) : PageModel
{
    /// <summary>Gets or sets which people are listed: staff or pupil.</summary>
    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = PersonKind.Staff;

    /// <summary>Gets or sets the person whose cards are shown.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    /// <summary>Gets the people listed (active and inactive).</summary>
    public IReadOnlyList<Person> List { get; private set; } = [];

    /// <summary>Gets the selected person.</summary>
    public Person? Selected { get; private set; }

    /// <summary>Gets the selected person's cards.</summary>
    public IReadOnlyList<CredentialInfo> Cards { get; private set; } = [];

    /// <summary>Gets cards presented at a locker in enrolment mode and not enrolled.</summary>
    public IReadOnlyList<PendingCard> Pending { get; private set; } = [];

    /// <summary>Gets the compartment reservations.</summary>
    public IReadOnlyList<CompartmentAssignment> Assignments { get; private set; } = [];

    /// <summary>Gets the registered lockers.</summary>
    public IReadOnlyList<(string Locker, string Kind, int Compartments)> Units { get; private set; } = [];

    /// <summary>Gets the locker enrolment mode was last started at from this page, to offer it again.</summary>
    public string? EnrolAt { get; private set; }

    /// <summary>Gets the last import's report.</summary>
    public ImportReport? Report { get; private set; }

    /// <summary>Gets or sets the locker of a list being enrolled in one sitting, or null.</summary>
    [BindProperty(SupportsGet = true)]
    public string? WalkAt { get; set; }

    /// <summary>Gets or sets the list being enrolled: <see cref="StaffList"/> or a registration group.</summary>
    [BindProperty(SupportsGet = true)]
    public string? WalkList { get; set; }

    /// <summary>Gets or sets the codes of the people skipped so far, comma separated.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Skipped { get; set; }

    /// <summary>Gets or sets how many cards were linked so far in this sitting.</summary>
    [BindProperty(SupportsGet = true)]
    public int Linked { get; set; }

    /// <summary>The list value of every active member of staff.</summary>
    public const string StaffList = "staff";

    /// <summary>Gets the lists that can be enrolled in one sitting: the staff list, then each registration group.</summary>
    public IReadOnlyList<string> Lists { get; private set; } = [];

    /// <summary>Gets the next person of the list whose card to tap, or null when the list is done.</summary>
    public Person? WalkNext { get; private set; }

    /// <summary>Gets how many people of the list are still without a card (the next one included).</summary>
    public int WalkRemaining { get; private set; }

    /// <summary>Gets the people skipped in this sitting.</summary>
    public IReadOnlyList<Person> WalkSkipped { get; private set; } = [];

    /// <summary>Gets the outcome message.</summary>
    public string? Message { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Message"/> reports an error.</summary>
    public bool IsError { get; private set; }

    /// <summary>Shows the page.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>Imports a CSV export.</summary>
    /// <param name="file">The file.</param>
    /// <param name="importKind">staff or pupils.</param>
    /// <param name="full">Whether people of that kind missing from the file become inactive.</param>
    /// <returns>The page with the report.</returns>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, string? importKind, bool full)
    {
        string kind = importKind == PersonKind.Pupil ? PersonKind.Pupil : PersonKind.Staff;
        if (file is null || file.Length == 0 || file.Length > PeopleImports.MaxCsvBytes)
        {
            return await DoneAsync(false, $"Choose a CSV file (up to {PeopleImports.MaxCsvBytes / 1024 / 1024} MB).");
        }

        await using Stream content = file.OpenReadStream();
        Outcome<ImportReport> outcome = await imports.ImportAsync(HttpContext, School, kind, content, full);
        if (!outcome.Done)
        {
            return await DoneAsync(false, string.Join(" ", outcome.Errors!.Values.SelectMany(e => e)));
        }

        Report = outcome.Value;
        Kind = kind;
        return await DoneAsync(true, $"Imported {file.FileName}.");
    }

    /// <summary>Enrols a card from its UID.</summary>
    /// <param name="uid">The card UID in hex.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostEnrolAsync(string? uid)
    {
        return await DoneAsync(ResultMessage.Describe(await cards.EnrolAsync(HttpContext, School, Person ?? string.Empty, uid), "Card enrolled."));
    }

    /// <summary>Revokes a card.</summary>
    /// <param name="credential">The card's hash.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostRevokeAsync(string? credential)
    {
        return await DoneAsync(ResultMessage.Describe(await cards.RevokeAsync(HttpContext, School, Person ?? string.Empty, credential ?? string.Empty), "Card revoked."));
    }

    /// <summary>Links a pending card to a person and, when asked, starts enrolment mode again at the locker it was tapped on.</summary>
    /// <param name="credential">The pending card's hash.</param>
    /// <param name="linkTo">The person.</param>
    /// <param name="nextAt">The locker to start enrolment mode at again for the next card, or null.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostLinkAsync(string? credential, string? linkTo, string? nextAt)
    {
        (bool ok, string message) = ResultMessage.Describe(await cards.LinkPendingAsync(HttpContext, School, credential ?? string.Empty, linkTo?.Trim()), $"Card linked to {linkTo}.");
        if (ok && !string.IsNullOrEmpty(nextAt))
        {
            (ok, string next) = await StartEnrolmentAsync(nextAt);
            message += " " + next;
        }

        return await DoneAsync(ok, message);
    }

    /// <summary>Starts enrolment mode at a locker: the next unknown card tapped there appears under "Cards waiting to be enrolled".</summary>
    /// <param name="enrolAt">The locker.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostEnrolModeAsync(string? enrolAt) => await DoneAsync(await StartEnrolmentAsync(enrolAt ?? string.Empty));

    /// <summary>Starts enrolling a list in one sitting at a locker: enrolment mode for the first person without a card.</summary>
    /// <param name="enrolAt">The locker.</param>
    /// <returns>The page with the first name to tap for.</returns>
    public async Task<IActionResult> OnPostWalkStartAsync(string? enrolAt)
    {
        (WalkAt, Linked, Skipped) = (enrolAt, 0, null);
        return await NextInWalkAsync(string.Empty);
    }

    /// <summary>Links the card just tapped to the person asked for, then goes on to the next one.</summary>
    /// <param name="credential">The pending card's hash.</param>
    /// <returns>The page with the next name, or the summary.</returns>
    public async Task<IActionResult> OnPostWalkLinkAsync(string? credential)
    {
        await LoadAsync();
        if (WalkNext is not { } person)
        {
            return await DoneAsync(false, "Everyone on this list has a card or was skipped.");
        }

        (bool ok, string message) = ResultMessage.Describe(
            await cards.LinkPendingAsync(HttpContext, School, credential ?? string.Empty, person.PersonId), $"Card linked to {person.DisplayName}.");
        if (!ok)
        {
            return await DoneAsync(false, message);
        }

        Linked++;
        return await NextInWalkAsync(message + " ");
    }

    /// <summary>Skips the person asked for (absent, no card with them) and goes on to the next one.</summary>
    /// <returns>The page with the next name, or the summary.</returns>
    public async Task<IActionResult> OnPostWalkSkipAsync()
    {
        await LoadAsync();
        string skippedName = WalkNext?.DisplayName ?? string.Empty;
        if (WalkNext is { } person)
        {
            Skipped = string.IsNullOrEmpty(Skipped) ? person.PersonId : Skipped + "," + person.PersonId;
        }

        return await NextInWalkAsync($"Skipped {skippedName}. ");
    }

    /// <summary>Reserves a compartment for a member of staff.</summary>
    /// <param name="locker">Locker.</param>
    /// <param name="compartment">Compartment number.</param>
    /// <param name="assignTo">Staff code.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostAssignAsync(string? locker, int compartment, string? assignTo)
    {
        Outcome<CompartmentAssignment> outcome = await assignments.AssignAsync(HttpContext, School, locker ?? string.Empty, compartment, assignTo?.Trim());
        return await DoneAsync(ResultMessage.Describe(outcome, $"Compartment {compartment} of {locker} reserved for {assignTo}."));
    }

    /// <summary>Clears a compartment reservation.</summary>
    /// <param name="locker">Locker.</param>
    /// <param name="compartment">Compartment number.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostClearAsync(string? locker, int compartment)
    {
        Outcome<bool> outcome = await assignments.ClearAsync(HttpContext, School, locker ?? string.Empty, compartment);
        return await DoneAsync(ResultMessage.Describe(outcome, $"Compartment {compartment} of {locker} cleared."));
    }

    private string School => User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;

    private async Task<(bool Ok, string Message)> StartEnrolmentAsync(string locker)
    {
        var result = await CommandsApi.SendCommandAsync(School, locker, new SendCommandRequest(Firmware.Core.Protocol.CommandName.Enrol), commands, users, HttpContext);
        EnrolAt = locker;
        return ResultMessage.Describe(result.Result, $"Enrolment mode started at {locker}: tap the next card there within a minute, then refresh this page.");
    }

    // Loads the list and starts enrolment mode for its next person, or shows the summary when none is left.
    private async Task<IActionResult> NextInWalkAsync(string done)
    {
        await LoadAsync();
        if (WalkNext is null)
        {
            return await DoneAsync(true, done + "The list is done.");
        }

        (bool ok, string started) = await StartEnrolmentAsync(WalkAt ?? string.Empty);
        return await DoneAsync(ok, ok ? $"{done}Tap the card for {WalkNext.DisplayName} at {WalkAt}." : started);
    }

    private Task<IActionResult> DoneAsync((bool Ok, string Message) outcome) => DoneAsync(outcome.Ok, outcome.Message);

    private async Task<IActionResult> DoneAsync(bool ok, string message)
    {
        (IsError, Message) = (!ok, message);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        Kind = Kind == PersonKind.Pupil ? PersonKind.Pupil : PersonKind.Staff;
        List = await people.ListAsync(School, Kind, includeInactive: true, cancellationToken);
        if (!string.IsNullOrWhiteSpace(Person))
        {
            Selected = await people.FindAsync(School, Person.Trim(), cancellationToken);
            Cards = Selected is null ? [] : await people.ListCredentialsAsync(School, Selected.PersonId, cancellationToken);
        }

        Pending = await enrolment.ListPendingAsync(School, cancellationToken);
        Assignments = await registry.ListAssignmentsAsync(School, null, cancellationToken);
        Units = await registry.ListUnitsAsync(School, cancellationToken);
        IReadOnlyList<Person> active = await people.ListAsync(School, null, includeInactive: false, cancellationToken);
        Lists = [StaffList, .. active.Where(p => p.Kind == PersonKind.Pupil && !string.IsNullOrEmpty(p.Group)).Select(p => p.Group!).Distinct().Order(StringComparer.Ordinal)];
        if (!string.IsNullOrEmpty(WalkAt) && !string.IsNullOrEmpty(WalkList))
        {
            // The list's people without a valid card, in name order; a linked card or a skip moves on to the next.
            HashSet<string> carded = [.. (await people.ListActiveCredentialsAsync(School, cancellationToken)).Select(c => c.Person.PersonId)];
            HashSet<string> skipped = [.. (Skipped ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)];
            List<Person> members = [.. active.Where(p => WalkList == StaffList ? p.Kind == PersonKind.Staff : p.Kind == PersonKind.Pupil && p.Group == WalkList).OrderBy(p => p.DisplayName, StringComparer.Ordinal)];
            List<Person> waiting = [.. members.Where(p => !carded.Contains(p.PersonId) && !skipped.Contains(p.PersonId))];
            (WalkNext, WalkRemaining, WalkSkipped) = (waiting.FirstOrDefault(), waiting.Count, [.. members.Where(p => skipped.Contains(p.PersonId))]);
        }

        await HttpContext.AuditAsync(users, "view:people", $"kind={Kind}; person={Person}; rows={List.Count}");
    }
}
