using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// One flag with its history and the investigation workflow: open → under investigation → resolved (explained,
/// breach, false alarm), each step with a note. The decider recorded is the signed-in user.
/// </summary>
/// <param name="flags">Flags.</param>
/// <param name="people">Names.</param>
/// <param name="live">Tells other open Flags pages.</param>
/// <param name="users">Audit log.</param>
/// <param name="accounts">The member of staff's own account.</param>
[Authorize(Policy = Policies.Compliance)]
public sealed class FlagDetailModel(FlagStore flags, PeopleStore people, LiveUpdates live, UserStore users, FlagAccountStore accounts) : PageModel
{
    /// <summary>Gets the member of staff's own account of the flag, or null.</summary>
    public FlagAccount? Account { get; private set; }

    /// <summary>Gets the flag.</summary>
    public Flag? Flag { get; private set; }

    /// <summary>Gets the person the flag is about, when known.</summary>
    public Person? Person { get; private set; }

    /// <summary>Gets the review history, oldest first.</summary>
    public IReadOnlyList<FlagHistoryEntry> History { get; private set; } = [];

    /// <summary>Gets or sets the next status (under-investigation or resolved).</summary>
    [BindProperty]
    public string? NextStatus { get; set; }

    /// <summary>Gets or sets the resolution when resolving.</summary>
    [BindProperty]
    public string? Resolution { get; set; }

    /// <summary>Gets or sets the reviewer's note.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>Gets the outcome message.</summary>
    public string? Message { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Message"/> reports an error.</summary>
    public bool IsError { get; private set; }

    /// <summary>Shows the flag.</summary>
    /// <param name="id">Flag id.</param>
    /// <returns>The page, or 404.</returns>
    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await HttpContext.AuditAsync(users, "view:flag", $"flag={id}; person={Flag!.PersonId}");
        return Page();
    }

    /// <summary>Records a review step.</summary>
    /// <param name="id">Flag id.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostAsync(long id)
    {
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        string by = User.Identity?.Name ?? string.Empty;
        string note = Note?.Trim() ?? string.Empty;
        string? resolution = NextStatus == FlagStatus.Resolved ? Resolution : null;
        if (NextStatus is not (FlagStatus.UnderInvestigation or FlagStatus.Resolved))
        {
            (IsError, Message) = (true, "Choose the next step.");
        }
        else if (note.Length == 0 || note.Length > 4000)
        {
            (IsError, Message) = (true, "Write a note (what was found, who was asked), up to 4000 characters.");
        }
        else if (NextStatus == FlagStatus.Resolved && !FlagResolution.All.Contains(resolution))
        {
            (IsError, Message) = (true, "Choose the outcome: explained, breach or false alarm.");
        }
        else
        {
            (Flag? updated, string? refusal) = await flags.ReviewAsync(school, id, NextStatus, resolution, note, by, HttpContext.RequestAborted);
            if (updated is null && refusal is null)
            {
                return NotFound();
            }

            (IsError, Message) = refusal is null ? (false, $"Recorded: {NextStatus}{(resolution is null ? "" : " (" + resolution + ")")}.") : (true, refusal);
            if (refusal is null)
            {
                await HttpContext.AuditAsync(users, "flag:reviewed", $"flag={id}; status={NextStatus}; resolution={resolution}");
                live.Publish("flags");
                Note = null;
            }
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return Page();
    }

    private async Task<bool> LoadAsync(long id)
    {
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        Flag = await flags.GetAsync(school, id, HttpContext.RequestAborted);
        if (Flag is null)
        {
            return false;
        }

        Person = Flag.PersonId is null ? null : await people.FindAsync(school, Flag.PersonId, HttpContext.RequestAborted);
        History = await flags.GetHistoryAsync(id, HttpContext.RequestAborted);
        Account = await accounts.GetAsync(school, id, HttpContext.RequestAborted);
        return true;
    }
}
