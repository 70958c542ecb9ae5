using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Compliance (SLT and Admin only): deposit rate by day, week or term from the recorded daily figures (so the history
/// outlives the retention purge), by department and by person over the period's last <see cref="DetailDays"/> days;
/// retrievals in contact time; SVG charts; CSV export; printable. Each view and export is audited.
/// </summary>
/// <param name="calendars">School calendar.</param>
/// <param name="people">Staff.</param>
/// <param name="dashboard">Staff deposits and retrievals.</param>
/// <param name="figures">The recorded daily figures.</param>
/// <param name="time">The clock (today).</param>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.Compliance)]
public sealed class ComplianceModel(CalendarStore calendars, PeopleStore people, DashboardStore dashboard, DailyFiguresStore figures, TimeProvider time, UserStore users) : PageModel
{
    /// <summary>The longest period shown at once.</summary>
    public const int MaxDays = 400;

    /// <summary>How many of the period's last days the department and person tables cover: 28.</summary>
    public const int DetailDays = 28;

    /// <summary>Gets or sets the first day (local date; default 27 days before the last).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Gets or sets the last day (local date, inclusive; default today).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Gets or sets the grouping over time: day, week or term.</summary>
    [BindProperty(SupportsGet = true)]
    public string By { get; set; } = "day";

    /// <summary>Gets a message when the report cannot be made.</summary>
    public string? Problem { get; private set; }

    /// <summary>Gets the first day of the department and person tables.</summary>
    public DateOnly DetailFrom { get; private set; }

    /// <summary>Gets the staff-days.</summary>
    public IReadOnlyList<ComplianceDay> Days { get; private set; } = [];

    /// <summary>Gets the figures over time.</summary>
    public IReadOnlyList<ComplianceBucket> OverTime { get; private set; } = [];

    /// <summary>Gets the figures by department.</summary>
    public IReadOnlyList<ComplianceBucket> ByDepartment { get; private set; } = [];

    /// <summary>Gets the figures by person.</summary>
    public IReadOnlyList<ComplianceBucket> ByPerson { get; private set; } = [];

    /// <summary>Gets the whole period's figures.</summary>
    public ComplianceBucket Total { get; private set; } = new("total", 0, 0, 0);

    /// <summary>Gets the query string of the current period (for the export link).</summary>
    public string Query => FormattableString.Invariant($"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&by={By}");

    /// <summary>Shows the report.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(detailForWholePeriod: false);
        await HttpContext.AuditAsync(users, "view:compliance", Query);
        return Page();
    }

    /// <summary>Downloads the staff-days of the period as CSV.</summary>
    /// <returns>A CSV file.</returns>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        await LoadAsync(detailForWholePeriod: true);
        if (Problem is not null)
        {
            return BadRequest(Problem);
        }

        await HttpContext.AuditAsync(users, "export:compliance-csv", $"{Query}; rows={Days.Count}");
        return File(Encoding.UTF8.GetBytes(ComplianceCalculator.ToCsv(Days)), "text/csv; charset=utf-8", FormattableString.Invariant($"compliance-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}.csv"));
    }

    // The CSV lists every staff-day of the period still in the ledger; the page shows people over its last days only.
    private async Task LoadAsync(bool detailForWholePeriod)
    {
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        By = By is "week" or "term" ? By : "day";
        SchoolCalendar? calendar = await calendars.LoadAsync(school, cancellationToken);
        if (calendar is null)
        {
            Problem = "There is no school calendar yet, so nothing is contact time. An administrator or SLT member sets it on the Calendar page.";
            To ??= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            From ??= To.Value.AddDays(-27);
            return;
        }

        To ??= calendar.LocalDate(time.GetUtcNow());
        From ??= To.Value.AddDays(-27);
        if (From > To || To.Value.DayNumber - From.Value.DayNumber >= MaxDays)
        {
            Problem = string.Create(CultureInfo.InvariantCulture, $"Choose a period of 1 to {MaxDays} days, the first day not after the last.");
            return;
        }

        IReadOnlyList<Person> staff = await people.ListAsync(school, PersonKind.Staff, cancellationToken);
        DetailFrom = detailForWholePeriod ? From.Value : Max(From.Value, To.Value.AddDays(1 - DetailDays));

        // A phone deposited days before and left in counts, so read back a week before the period.
        List<StaffCustodyEvent> events = await dashboard.GetStaffCustodyEventsAsync(
            school, calendar.ToUtc(DetailFrom.AddDays(-7), TimeOnly.MinValue), calendar.ToUtc(To.Value.AddDays(2), TimeOnly.MinValue), cancellationToken);
        Days = ComplianceCalculator.Calculate(calendar, staff, events, DetailFrom, To.Value);
        List<(DateOnly Date, ComplianceBucket Totals)> daily = ComplianceCalculator.DailyTotals(await figures.ReadAsync(school, From.Value, To.Value, cancellationToken), Days);
        IReadOnlyList<Term> terms = calendar.Definition.Terms;
        OverTime = ComplianceCalculator.Group(daily, By switch
        {
            "week" => ComplianceCalculator.WeekLabel,
            "term" => d => ComplianceCalculator.TermLabel(terms, d),
            _ => ComplianceCalculator.DayLabel,
        });
        ByDepartment = ComplianceCalculator.Group(Days, d => d.Department);
        ByPerson = ComplianceCalculator.Group(Days, d => $"{d.Name} ({d.PersonId})");
        Total = ComplianceCalculator.Group(daily, _ => "total").FirstOrDefault() ?? Total;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
