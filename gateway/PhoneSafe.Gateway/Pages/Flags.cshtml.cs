using System.Globalization;
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
/// The flag queue (SLT and Admin): filters by status, kind, person and dates; refreshes live when the policy engine
/// raises flags. Each view is audited.
/// </summary>
/// <param name="flags">Flags.</param>
/// <param name="people">Names.</param>
/// <param name="reviews">Records bulk review steps.</param>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.Compliance)]
public sealed class FlagsModel(FlagStore flags, PeopleStore people, FlagReviews reviews, UserStore users) : PageModel
{
    /// <summary>Gets the outcome of a bulk review, or null.</summary>
    public string? Message { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Message"/> reports an error.</summary>
    public bool IsError { get; private set; }

    /// <summary>Gets or sets the status filter (default: open).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>Gets or sets the kind filter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    /// <summary>Gets or sets the person filter (staff code or admission number).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    /// <summary>Gets or sets the first day (yyyy-MM-dd, UTC).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Gets or sets the last day, inclusive (yyyy-MM-dd, UTC).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Gets the flags matching the filters, newest first (at most 500).</summary>
    public IReadOnlyList<Flag> Flags { get; private set; } = [];

    /// <summary>Gets display names by person id.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    /// <summary>Gets the query string of the current filters (for the live refresh).</summary>
    public string Query => string.Join('&', new[]
    {
        ("status", Status), ("kind", Kind), ("person", Person),
        ("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));

    /// <summary>Shows the queue.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        Status ??= Request.Query.ContainsKey("status") ? null : FlagStatus.Open;
        await LoadAsync("view:flags");
        return Page();
    }

    /// <summary>Records one review step for the selected flags (bulk triage), all or nothing.</summary>
    /// <param name="ids">The ticked flags.</param>
    /// <param name="nextStatus">under-investigation or resolved.</param>
    /// <param name="resolution">The outcome when resolving.</param>
    /// <param name="note">The note recorded on every flag.</param>
    /// <returns>The queue with the outcome.</returns>
    public async Task<IActionResult> OnPostReviewAsync(long[]? ids, string? nextStatus, string? resolution, string? note)
    {
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        var request = new FlagReviewRequest(nextStatus, nextStatus == FlagStatus.Resolved && !string.IsNullOrEmpty(resolution) ? resolution : null, note, null);
        ActionOutcome<IReadOnlyList<Flag>> outcome = await reviews.ReviewAsync(
            school, ids ?? [], request, User, HttpContext.RemoteAddress(), HttpContext.RequestAborted);
        (IsError, Message) = outcome.Done
            ? (false, $"Recorded {request.Status}{(request.Resolution is null ? "" : " (" + request.Resolution + ")")} on {outcome.Value!.Count} flag(s).")
            : (true, outcome.Problem);
        await LoadAsync("view:flags");
        return Page();
    }

    /// <summary>Returns only the table, for the live refresh.</summary>
    /// <returns>The table fragment.</returns>
    public async Task<IActionResult> OnGetListAsync()
    {
        await LoadAsync("view:flags-refresh");
        return Partial("_FlagList", this);
    }

    private async Task LoadAsync(string action)
    {
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        string? status = FlagStatus.All.Contains(Status) ? Status : null;
        string? kind = FlagKind.All.Contains(Kind) ? Kind : null;
        string? person = string.IsNullOrWhiteSpace(Person) ? null : Person.Trim();
        DateTimeOffset? from = From is DateOnly f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        DateTimeOffset? to = To is DateOnly t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        Flags = await flags.ListAsync(school, new FlagFilter(status, kind, person, from, to, 500), HttpContext.RequestAborted);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string id in Flags.Select(f => f.PersonId).OfType<string>().Distinct())
        {
            if (await people.FindAsync(school, id, HttpContext.RequestAborted) is Person p)
            {
                names[id] = p.DisplayName;
            }
        }

        Names = names;
        await HttpContext.AuditAsync(users, action, $"school={school}; {Query}; rows={Flags.Count}");
    }
}
