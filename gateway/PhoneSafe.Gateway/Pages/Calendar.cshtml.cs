using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Calendar and exceptions (SLT and Admin): the calendar editor (terms, INSET days and other closures, contact
/// windows and home-time, the Week A/B cycle, staff working patterns; saved through <see cref="CalendarEdits"/> as the
/// API is); SLT-agreed exceptions, trips and Headteacher consents.
/// </summary>
/// <param name="calendars">Calendar.</param>
/// <param name="edits">Saves the calendar.</param>
/// <param name="exceptions">Exceptions.</param>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.Compliance)]
public sealed class CalendarModel(CalendarStore calendars, CalendarEdits edits, ExceptionStore exceptions, UserStore users) : PageModel
{
    /// <summary>Gets the calendar, or null when none is set.</summary>
    public CalendarDefinition? Definition { get; private set; }

    /// <summary>Gets or sets the calendar being edited.</summary>
    [BindProperty]
    public CalendarForm Form { get; set; } = new();

    /// <summary>Gets the recorded exceptions.</summary>
    public IReadOnlyList<PolicyException> Exceptions { get; private set; } = [];

    /// <summary>Gets the outcome message.</summary>
    public string? Message { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Message"/> reports an error.</summary>
    public bool IsError { get; private set; }

    /// <summary>Shows the page.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(true);
        return Page();
    }

    /// <summary>Saves the calendar.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostCalendarAsync()
    {
        ActionOutcome<CalendarDocument> outcome = await edits.SaveAsync(
            School, Form.ToDocument(), User, HttpContext.RemoteAddress(), HttpContext.RequestAborted);
        if (!outcome.Done)
        {
            Form.AddBlankRows();
            return await DoneAsync(false, outcome.Problem, keepDocument: true);
        }

        return await DoneAsync(true, "Calendar saved.", keepDocument: false);
    }

    /// <summary>Records an SLT-agreed exception.</summary>
    /// <param name="personId">Staff code.</param>
    /// <param name="reason">Why.</param>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostStaffAsync(string? personId, string? reason, string? from, string? to)
    {
        var result = await ExceptionsApi.AddStaffExceptionAsync(exceptions, School, new StaffExceptionRequest(personId?.Trim(), reason, from, to), User, HttpContext.RequestAborted);
        return await RecordedAsync(result.Result, "exception:slt-agreed", $"person={personId}", "SLT-agreed exception recorded.");
    }

    /// <summary>Records a trip.</summary>
    /// <param name="name">Trip name.</param>
    /// <param name="people">Staff codes, separated by commas or spaces.</param>
    /// <param name="leader">Trip leader.</param>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostTripAsync(string? name, string? people, string? leader, string? from, string? to)
    {
        string[] codes = (people ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await ExceptionsApi.AddTripAsync(exceptions, School, new TripRequest(name, codes, leader, from, to, null), User, HttpContext.RequestAborted);
        return await RecordedAsync(result.Result, "exception:trip", $"people={string.Join(' ', codes)}", "Trip recorded.");
    }

    /// <summary>Records a Headteacher consent for a pupil's phone to be kept safe.</summary>
    /// <param name="pupilId">Admission number.</param>
    /// <param name="reason">Why.</param>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostConsentAsync(string? pupilId, string? reason, string? from, string? to)
    {
        if (!User.IsInRole(UserRoles.Headteacher))
        {
            return Forbid();
        }

        var result = await ExceptionsApi.AddConsentAsync(exceptions, School, new ConsentRequest(pupilId?.Trim(), reason, from, to), User, HttpContext.RequestAborted);
        return await RecordedAsync(result.Result, "exception:consent", $"pupil={pupilId}", "Headteacher consent recorded.");
    }

    private string School => User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;

    private async Task<IActionResult> RecordedAsync(IResult result, string action, string detail, string success)
    {
        if (result is ValidationProblem problem)
        {
            return await DoneAsync(false, string.Join(" ", problem.ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}.")), keepDocument: false);
        }

        await HttpContext.AuditAsync(users, action, detail);
        return await DoneAsync(true, success, keepDocument: false);
    }

    private async Task<IActionResult> DoneAsync(bool ok, string message, bool keepDocument)
    {
        (IsError, Message) = (!ok, message);
        await LoadAsync(!keepDocument);
        return Page();
    }

    private async Task LoadAsync(bool resetDocument)
    {
        Definition = await calendars.GetAsync(School, HttpContext.RequestAborted);
        if (resetDocument)
        {
            Form = CalendarForm.From(Definition);
        }

        Exceptions = await exceptions.ListAsync(School, null, null, null, HttpContext.RequestAborted);
        await HttpContext.AuditAsync(users, "view:calendar-exceptions", $"school={School}; exceptions={Exceptions.Count}");
    }
}
