using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Reports;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// The termly governors' and inspection report (SLT, Headteacher, Admin): deposit rate, flags by kind and outcome,
/// pupil phones held, exceptions by kind, from the recorded daily figures, so it names no one. Printable, and as a PDF
/// download. Each view and download is audited.
/// </summary>
/// <param name="calendars">School calendar (terms).</param>
/// <param name="figures">The recorded daily figures.</param>
/// <param name="time">The clock (the current term).</param>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.GovernorsReport)]
public sealed class ReportModel(CalendarStore calendars, DailyFiguresStore figures, TimeProvider time, UserStore users) : PageModel
{
    /// <summary>Gets or sets the term, by its first day (default: the term of today, else the last one before it).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? Term { get; set; }

    /// <summary>Gets the school's terms, for the choice.</summary>
    public IReadOnlyList<Term> Terms { get; private set; } = [];

    /// <summary>Gets a message when the report cannot be made.</summary>
    public string? Problem { get; private set; }

    /// <summary>Gets the report.</summary>
    public GovernorsReport? Report { get; private set; }

    /// <summary>Gets the school identifier.</summary>
    public string School => User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;

    /// <summary>Shows the report.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        await HttpContext.AuditAsync(users, "view:governors-report", FormattableString.Invariant($"term={Term:yyyy-MM-dd}"));
        return Page();
    }

    /// <summary>Downloads the report as a PDF.</summary>
    /// <returns>A PDF file.</returns>
    public async Task<IActionResult> OnGetPdfAsync()
    {
        await LoadAsync();
        if (Report is null)
        {
            return BadRequest(Problem ?? string.Empty);
        }

        await HttpContext.AuditAsync(users, "export:governors-report-pdf", FormattableString.Invariant($"term={Term:yyyy-MM-dd}"));
        return File(GovernorsReportPdf.Render(Report, School), "application/pdf", FormattableString.Invariant($"phone-policy-report-{Report.From:yyyy-MM-dd}-{Report.To:yyyy-MM-dd}.pdf"));
    }

    private async Task LoadAsync()
    {
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        SchoolCalendar? calendar = await calendars.LoadAsync(School, cancellationToken);
        Terms = calendar?.Definition.Terms.OrderBy(t => t.Start).ToList() ?? [];
        if (calendar is null || Terms.Count == 0)
        {
            Problem = "There are no terms in the school calendar yet. An administrator or SLT member sets them on the Calendar page.";
            return;
        }

        DateOnly today = calendar.LocalDate(time.GetUtcNow());
        Term? term = Term is { } start
            ? Terms.FirstOrDefault(t => t.Start == start)
            : Terms.FirstOrDefault(t => t.Start <= today && today <= t.End) ?? Terms.LastOrDefault(t => t.Start <= today) ?? Terms[0];
        if (term is null)
        {
            Problem = string.Create(CultureInfo.InvariantCulture, $"No term starts on {Term:yyyy-MM-dd}: choose one from the list.");
            return;
        }

        Term = term.Start;
        Report = GovernorsReport.Build(
            string.Create(CultureInfo.InvariantCulture, $"{term.Name} {term.Start:yyyy}"), term.Start, term.End, await figures.ReadAsync(School, term.Start, term.End, cancellationToken));
    }
}
