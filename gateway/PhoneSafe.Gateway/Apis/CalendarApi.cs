using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
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
    private const int MaxTimetableBytes = 4 * 1024 * 1024;

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
        api.MapPut("/timetable", PutTimetableAsync).WithName("PutTimetable").WithSummary("Imports staff timetables from an MIS CSV export; replaces the timetables of the staff in the file.").Accepts<string>("text/csv");
        api.MapGet("/timetable", GetTimetableAsync).WithName("GetTimetable").WithSummary("Timetabled lessons, of one member of staff with ?person=.");
        return app;
    }

    /// <summary>Reads the calendar.</summary>
    /// <param name="store">Calendars.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The calendar, or 404 when none is set up.</returns>
    public static async Task<Results<Ok<CalendarDocument>, NotFound>> GetCalendarAsync(CalendarStore store, string school, CancellationToken cancellationToken) =>
        await store.GetAsync(school, cancellationToken) is CalendarDefinition definition ? TypedResults.Ok(ToDocument(definition)) : TypedResults.NotFound();

    /// <summary>Replaces the calendar.</summary>
    /// <param name="store">Calendars.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="document">The calendar.</param>
    /// <param name="publisher">Rebuilds the school's locker configurations (contact windows, time zone).</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The stored calendar, or 400 with every problem found.</returns>
    public static async Task<Results<Ok<CalendarDocument>, ValidationProblem>> PutCalendarAsync(
        CalendarStore store, string school, CalendarDocument document, Publishing.LockerConfigPublisher publisher, CancellationToken cancellationToken)
    {
        var v = new Validation();
        v.School(school);
        CalendarDefinition definition = ToDefinition(document, v);
        if (!v.IsValid)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        await store.SaveAsync(school, definition, cancellationToken);
        publisher.RequestPublish(school);
        return TypedResults.Ok(ToDocument(definition));
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
    /// <param name="store">Calendars.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="request">The request, whose body is the CSV file.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>How many staff and lessons, or 400 listing every bad line (nothing is stored then).</returns>
    public static async Task<Results<Ok<TimetableImport>, ValidationProblem>> PutTimetableAsync(CalendarStore store, string school, HttpRequest request, CancellationToken cancellationToken)
    {
        var v = new Validation();
        v.School(school);
        if (request.ContentLength > MaxTimetableBytes)
        {
            v.Add("body", $"the file is larger than {MaxTimetableBytes} bytes");
            return TypedResults.ValidationProblem(v.Errors);
        }

        using var reader = new StreamReader(request.Body);
        string csv = await reader.ReadToEndAsync(cancellationToken);
        (IReadOnlyList<TimetableEntry> entries, IReadOnlyList<string> errors) = TimetableCsv.Parse(csv);
        foreach (string error in errors)
        {
            v.Add("csv", error);
        }

        if (entries.Count == 0 && errors.Count == 0)
        {
            v.Add("csv", "no lessons in the file");
        }

        if (!v.IsValid)
        {
            return TypedResults.ValidationProblem(v.Errors);
        }

        int staff = await store.ReplaceTimetablesAsync(school, entries, cancellationToken);
        return TypedResults.Ok(new TimetableImport(staff, entries.Count));
    }

    /// <summary>Lists timetabled lessons.</summary>
    /// <param name="store">Calendars.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="person">A member of staff (optional).</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The lessons.</returns>
    public static async Task<Ok<List<TimetableEntry>>> GetTimetableAsync(CalendarStore store, string school, string? person, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetTimetableAsync(school, person, cancellationToken));

    private static CalendarDefinition ToDefinition(CalendarDocument d, Validation v)
    {
        string zone = string.IsNullOrWhiteSpace(d.TimeZone) ? CalendarDefinition.DefaultTimeZoneId : d.TimeZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            v.Add("timeZone", $"'{zone}' is not a time zone known here (use an IANA id such as Europe/London)");
        }

        int hours = d.ParentNoticeHours ?? CalendarDefinition.DefaultParentNoticeHours;
        if (hours is < 1 or > 72)
        {
            v.Add("parentNoticeHours", "must be between 1 and 72");
        }

        var terms = new List<Term>();
        for (int i = 0; i < (d.Terms?.Count ?? 0); i++)
        {
            TermDto t = d.Terms![i];
            (DateOnly from, DateOnly to) = v.DateRange($"terms[{i}].start", t.Start, $"terms[{i}].end", t.End ?? string.Empty);
            terms.Add(new Term(string.IsNullOrWhiteSpace(t.Name) ? $"Term {i + 1}" : t.Name.Trim(), from, to));
        }

        var closures = new List<Closure>();
        for (int i = 0; i < (d.Closures?.Count ?? 0); i++)
        {
            ClosureDto c = d.Closures![i];
            (DateOnly from, DateOnly to) = v.DateRange($"closures[{i}].start", c.Start, $"closures[{i}].end", c.End);
            v.OneOf($"closures[{i}].kind", c.Kind, ClosureKind.All);
            closures.Add(new Closure(from, to, c.Kind ?? ClosureKind.Closure, c.Description));
        }

        IReadOnlyList<DaySchedule> days = d.Days is null ? CalendarDefinition.DefaultDays : [.. d.Days.Select((day, i) => ToSchedule(day, i, v))];
        if (days.GroupBy(x => x.Weekday).Any(g => g.Count() > 1))
        {
            v.Add("days", "each weekday may appear once");
        }

        return new CalendarDefinition(zone, terms, closures, days, hours);
    }

    private static DaySchedule ToSchedule(DayDto day, int index, Validation v)
    {
        string field = $"days[{index}]";
        if (day.Weekday is < 1 or > 7)
        {
            v.Add(field + ".weekday", "must be 1 (Monday) to 7 (Sunday)");
        }

        var windows = new List<TimeWindow>();
        for (int i = 0; i < (day.Contact?.Count ?? 0); i++)
        {
            WindowDto w = day.Contact![i];
            var window = new TimeWindow(v.Time($"{field}.contact[{i}].start", w.Start), v.Time($"{field}.contact[{i}].end", w.End));
            if (window.End <= window.Start)
            {
                v.Add($"{field}.contact[{i}]", "must end after it starts");
            }
            else if (windows.Count > 0 && window.Start < windows[^1].End)
            {
                v.Add($"{field}.contact[{i}]", "must start after the previous window ends");
            }

            windows.Add(window);
        }

        TimeOnly? home = day.HomeTime is null ? null : v.Time(field + ".homeTime", day.HomeTime);
        return new DaySchedule(day.Weekday, windows, home);
    }

    private static CalendarDocument ToDocument(CalendarDefinition d) => new(
        d.TimeZoneId,
        d.ParentNoticeHours,
        [.. d.Terms.Select(t => new TermDto(t.Name, Format(t.Start), Format(t.End)))],
        [.. d.Closures.Select(c => new ClosureDto(Format(c.Start), Format(c.End), c.Kind, c.Description))],
        [.. d.Days.OrderBy(x => x.Weekday).Select(x => new DayDto(x.Weekday, [.. x.Contact.Select(ToDto)], x.HomeTime is TimeOnly h ? Format(h) : null))]);

    private static WindowDto ToDto(TimeWindow w) => new(Format(w.Start), Format(w.End));

    private static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
