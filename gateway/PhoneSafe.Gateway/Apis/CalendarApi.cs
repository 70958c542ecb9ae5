using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// A school's calendar (time zone, terms, closures, contact windows, home-time) and staff timetables.
/// </summary>
public static class CalendarApi
{
    /// <summary>
    /// Maps /api/schools/{school}/calendar and /api/schools/{school}/timetable.
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/schools/{school}").WithTags("Calendar")
            .RequireAuthorization(Policies.Compliance).AddEndpointFilter<SchoolScopeFilter>();
        api.MapGet("/calendar", GetCalendarAsync).WithName("GetCalendar").WithSummary("The school's calendar: time zone, terms, closures, contact windows and home-time.");
        api.MapPut("/calendar", PutCalendarAsync).WithName("PutCalendar").WithSummary("Replaces the school's calendar; omitted parts take their defaults.");
        api.MapGet("/calendar/days/{date}", GetDayAsync).WithName("GetCalendarDay").WithSummary("Whether a date is a school day, and its contact windows (of a member of staff with ?person=) and home-time.");
        api.MapPut("/timetable", PutTimetableAsync).WithName("PutTimetable")
            .WithSummary("Imports staff timetables from an MIS CSV export (Week A/B, form time, duties, cover); replaces the weekly timetables of the staff in the file, from ?validFrom= when given, until ?validTo=.")
            .Accepts<string>("text/csv");
        api.MapPost("/timetable/cover", AddCoverAsync).WithName("AddCover").WithSummary("Adds a cover lesson: contact time for the covering member of staff on that date.");
        api.MapGet("/timetable", GetTimetableAsync).WithName("GetTimetable").WithSummary("Timetabled lessons, of one member of staff with ?person=.");
        return app;
    }

    /// <summary>Reads the calendar.</summary>
    /// <param name="store">Calendars.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The calendar, or 404 when none is set up.</returns>
    public static async Task<Results<Ok<CalendarDocument>, NotFound>> GetCalendarAsync(CalendarStore store, string school, CancellationToken cancellationToken) =>
        await store.GetAsync(school, cancellationToken) is CalendarDefinition definition ? TypedResults.Ok(CalendarEdits.ToDocument(definition)) : TypedResults.NotFound();

    /// <summary>Replaces the calendar.</summary>
    /// <param name="edits">The calendar action.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="document">The calendar.</param>
    /// <param name="http">The request: the signed-in user and their address.</param>
    /// <returns>The stored calendar, or 400 with every problem found.</returns>
    public static async Task<Results<Ok<CalendarDocument>, ValidationProblem>> PutCalendarAsync(CalendarEdits edits, string school, CalendarDocument document, HttpContext http)
    {
        ActionOutcome<CalendarDocument> outcome = await edits.SaveAsync(school, document, http.User, http.RemoteAddress(), http.RequestAborted);
        return outcome.Done ? TypedResults.Ok(outcome.Value!) : TypedResults.ValidationProblem(outcome.Errors);
    }

    /// <summary>Explains one date.</summary>
    /// <param name="store">Calendars.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="date">The date, yyyy-MM-dd.</param>
    /// <param name="person">A member of staff (optional).</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The day, 404 without a calendar, or 400 for a bad date.</returns>
    public static async Task<Results<Ok<CalendarDay>, NotFound, ValidationProblem>> GetDayAsync(CalendarStore store, string school, string date, string? person, CancellationToken cancellationToken)
    {
        var v = new Validation();
        DateOnly day = v.Date("date", date);
        if (!v.IsValid)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        if (await store.LoadAsync(school, cancellationToken) is not SchoolCalendar calendar)
        {
            return TypedResults.NotFound();
        }

        string? reason = calendar.ClosedReason(day);
        return TypedResults.Ok(new CalendarDay(
            date,
            reason is null,
            reason,
            [.. calendar.ContactWindows(day, person).Select(ToDto)],
            calendar.HomeTime(day) is TimeOnly home ? Format(home) : null,
            person is not null && calendar.HasTimetable(person)));
    }

    /// <summary>Imports timetables from CSV.</summary>
    /// <param name="imports">The timetable action.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="validFrom">First day the timetable applies, yyyy-MM-dd (optional: replaces the current one now).</param>
    /// <param name="validTo">Last day it applies, yyyy-MM-dd (optional).</param>
    /// <param name="http">The request: the CSV body, the signed-in user and their address.</param>
    /// <returns>How many staff, weekly entries and cover lessons, or 400 listing every bad line (nothing is stored then).</returns>
    public static async Task<Results<Ok<TimetableImport>, ValidationProblem>> PutTimetableAsync(TimetableImports imports, string school, string? validFrom, string? validTo, HttpContext http)
    {
        if (http.Request.ContentLength > TimetableImports.MaxBytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"the file is larger than {TimetableImports.MaxBytes} bytes"] });
        }

        using var reader = new StreamReader(http.Request.Body);
        string csv = await reader.ReadToEndAsync(http.RequestAborted);
        ActionOutcome<TimetableImport> outcome = await imports.ImportAsync(school, csv, validFrom, validTo, http.User, http.RemoteAddress(), http.RequestAborted);
        return outcome.Done ? TypedResults.Ok(outcome.Value!) : TypedResults.ValidationProblem(outcome.Errors);
    }

    /// <summary>Adds a cover lesson.</summary>
    /// <param name="imports">The timetable action.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="request">The cover lesson.</param>
    /// <param name="http">The request: the signed-in user and their address.</param>
    /// <returns>The counts; 400 for a bad field; a validation problem with status 404 when no such member of staff.</returns>
    public static async Task<Results<Ok<TimetableImport>, ValidationProblem, ProblemHttpResult>> AddCoverAsync(TimetableImports imports, string school, CoverRequest request, HttpContext http)
    {
        ActionOutcome<TimetableImport> outcome = await imports.AddCoverAsync(
            school, request.PersonId, request.Date, request.Start, request.End, request.ClassName, http.User, http.RemoteAddress(), http.RequestAborted);
        return outcome.Status switch
        {
            StatusCodes.Status200OK => TypedResults.Ok(outcome.Value!),
            StatusCodes.Status400BadRequest => TypedResults.ValidationProblem(outcome.Errors),
            _ => TypedResults.Problem(new HttpValidationProblemDetails(outcome.Errors) { Status = outcome.Status }),
        };
    }

    /// <summary>Lists timetabled lessons.</summary>
    /// <param name="store">Calendars.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="person">A member of staff (optional).</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The lessons.</returns>
    public static async Task<Ok<List<TimetableEntry>>> GetTimetableAsync(CalendarStore store, string school, string? person, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetTimetableAsync(school, person, cancellationToken));

    private static WindowDto ToDto(TimeWindow w) => new(Format(w.Start), Format(w.End));

    private static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
