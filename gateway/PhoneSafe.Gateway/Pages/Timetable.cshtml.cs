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
/// Staff timetables (SLT and Admin): import an MIS CSV export with its effective dates, add cover lessons, and see
/// whose timetable is in force. Both writes go through <see cref="TimetableImports"/>, as the API's do.
/// </summary>
/// <param name="calendars">Timetables.</param>
/// <param name="imports">Imports timetables and adds cover.</param>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.Compliance)]
public sealed class TimetableModel(CalendarStore calendars, TimetableImports imports, UserStore users) : PageModel
{
    /// <summary>Gets every stored timetable entry, by person.</summary>
    public IReadOnlyList<TimetableEntry> Entries { get; private set; } = [];

    /// <summary>Gets the Monday of a Week A, or null when the school's timetable repeats weekly.</summary>
    public DateOnly? WeekAStart { get; private set; }

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

    /// <summary>Imports a timetable file.</summary>
    /// <param name="file">The CSV export.</param>
    /// <param name="validFrom">First day it applies (empty: replaces the current timetable now).</param>
    /// <param name="validTo">Last day it applies (empty: open-ended).</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, string? validFrom, string? validTo)
    {
        if (file is null || file.Length == 0)
        {
            return await DoneAsync(false, "Choose the CSV file exported from your MIS.");
        }

        if (file.Length > TimetableImports.MaxBytes)
        {
            return await DoneAsync(false, $"The file is larger than {TimetableImports.MaxBytes} bytes.");
        }

        using var reader = new StreamReader(file.OpenReadStream());
        string csv = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        ActionOutcome<TimetableImport> outcome = await imports.ImportAsync(School, csv, validFrom, validTo, User, Remote, HttpContext.RequestAborted);
        return await DoneAsync(
            outcome.Done,
            outcome.Done
                ? $"Imported {outcome.Value!.Lessons} weekly entries for {outcome.Value.Staff} member(s) of staff and {outcome.Value.Cover} cover lesson(s)."
                : "Nothing was imported. " + outcome.Problem);
    }

    /// <summary>Adds a cover lesson.</summary>
    /// <param name="personId">The covering member of staff.</param>
    /// <param name="date">The date.</param>
    /// <param name="start">Start.</param>
    /// <param name="end">End.</param>
    /// <param name="className">The class covered.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostCoverAsync(string? personId, string? date, string? start, string? end, string? className)
    {
        ActionOutcome<TimetableImport> outcome = await imports.AddCoverAsync(School, personId?.Trim(), date, start, end, className, User, Remote, HttpContext.RequestAborted);
        return await DoneAsync(outcome.Done, outcome.Done ? $"Cover lesson added for {personId?.Trim()} on {date}." : outcome.Problem);
    }

    private string School => User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;

    private string Remote => HttpContext.RemoteAddress();

    private async Task<IActionResult> DoneAsync(bool ok, string message)
    {
        (IsError, Message) = (!ok, message);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Entries = await calendars.GetTimetableAsync(School, null, HttpContext.RequestAborted);
        WeekAStart = (await calendars.GetAsync(School, HttpContext.RequestAborted))?.WeekAStart;
        await HttpContext.AuditAsync(users, "view:timetable", $"school={School}; entries={Entries.Count}");
    }
}
