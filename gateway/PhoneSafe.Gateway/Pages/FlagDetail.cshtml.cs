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
/// One flag with its history and the investigation workflow: open → under investigation → resolved (explained,
/// breach, false alarm), each step with a note. The decider recorded is the signed-in user.
/// </summary>
/// <param name="flags">Flags.</param>
/// <param name="people">Names.</param>
/// <param name="reviews">Records, audits and announces review steps.</param>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.Compliance)]
public sealed class FlagDetailModel(FlagStore flags, PeopleStore people, FlagReviews reviews, UserStore users) : PageModel
{
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
        string? resolution = NextStatus == FlagStatus.Resolved ? Resolution : null;
        Outcome<FlagDetails> outcome = await reviews.ReviewAsync(HttpContext, school, id, NextStatus, resolution, Note?.Trim());
        if (outcome.Missing is not null)
        {
            return NotFound();
        }

        (IsError, Message) = outcome.Done ? (false, $"Recorded: {NextStatus}{(resolution is null ? "" : " (" + resolution + ")")}.") : (true, outcome.Problem);
        if (outcome.Done)
        {
            Note = null;
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
        return true;
    }
}
