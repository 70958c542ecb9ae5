using System.Globalization;
using System.Security.Claims;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Saves a school's calendar (terms, closures, INSET days, weekday timings, the Week A/B cycle and staff working
/// patterns), the one way the calendar editor page and the API change it: checks every part, stores it, audits it,
/// asks for the lockers' configurations (contact windows) to be republished and tells open pages.
/// </summary>
/// <param name="store">Calendars.</param>
/// <param name="publisher">Republishes locker configurations.</param>
/// <param name="users">Audit log.</param>
/// <param name="live">Tells open pages.</param>
public sealed class CalendarEdits(CalendarStore store, LockerConfigPublisher publisher, UserStore users, LiveUpdates live)
{
    /// <summary>
    /// Checks and saves a calendar, replacing the school's.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="document">The whole calendar; omitted parts take their defaults.</param>
    /// <param name="user">Who saves it.</param>
    /// <param name="remote">The client's address, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored calendar, or 400 with every problem found (nothing stored then).</returns>
    public async Task<ActionOutcome<CalendarDocument>> SaveAsync(string school, CalendarDocument document, ClaimsPrincipal user, string remote, CancellationToken cancellationToken)
    {
        var v = new Validation();
        v.School(school);
        CalendarDefinition definition = ToDefinition(document, v);
        if (!v.IsValid)
        {
            return ActionOutcome<CalendarDocument>.Refused(StatusCodes.Status400BadRequest, v.Errors);
        }

        await store.SaveAsync(school, definition, cancellationToken);
        await users.AuditAsync(
            user.Identity?.Name ?? "-",
            "calendar:saved",
            AuditExtensions.ScopedDetail(school, FormattableString.Invariant($"terms={definition.Terms.Count}; closures={definition.Closures.Count}; weekA={definition.WeekAStart:yyyy-MM-dd}; patterns={definition.StaffPatterns?.Count ?? 0}")),
            remote,
            cancellationToken);
        publisher.RequestPublish(school);
        live.Publish("calendar");
        return ActionOutcome<CalendarDocument>.Ok(ToDocument(definition));
    }

    /// <summary>
    /// Writes a calendar as the API reads it.
    /// </summary>
    /// <param name="d">The calendar.</param>
    /// <returns>The document.</returns>
    public static CalendarDocument ToDocument(CalendarDefinition d) => new(
        d.TimeZoneId,
        d.ParentNoticeHours,
        [.. d.Terms.Select(t => new TermDto(t.Name, Format(t.Start), Format(t.End)))],
        [.. d.Closures.Select(c => new ClosureDto(Format(c.Start), Format(c.End), c.Kind, c.Description))],
        [.. d.Days.OrderBy(x => x.Weekday).Select(x => new DayDto(x.Weekday, [.. x.Contact.Select(w => new WindowDto(Format(w.Start), Format(w.End)))], x.HomeTime is TimeOnly h ? Format(h) : null))],
        d.WeekAStart is DateOnly weekA ? Format(weekA) : null,
        [.. (d.StaffPatterns ?? []).Select(p => new StaffPatternDto(p.PersonId, p.Weekdays))]);

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

        DateOnly? weekA = null;
        if (!string.IsNullOrWhiteSpace(d.WeekAStart))
        {
            weekA = v.Date("weekAStart", d.WeekAStart);
            if (weekA?.DayOfWeek != DayOfWeek.Monday)
            {
                v.Add("weekAStart", "must be the Monday of a Week A");
            }
        }

        var patterns = new List<StaffPattern>();
        for (int i = 0; i < (d.StaffPatterns?.Count ?? 0); i++)
        {
            StaffPatternDto p = d.StaffPatterns![i];
            string person = v.Required($"staffPatterns[{i}].personId", p.PersonId, 64);
            IReadOnlyList<int> weekdays = p.Weekdays ?? [];
            if (weekdays.Any(w => w is < 1 or > 7))
            {
                v.Add($"staffPatterns[{i}].weekdays", "must be 1 (Monday) to 7 (Sunday)");
            }

            patterns.Add(new StaffPattern(person, [.. weekdays.Distinct().Order()]));
        }

        if (patterns.GroupBy(p => p.PersonId, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            v.Add("staffPatterns", "each member of staff may have one pattern");
        }

        return new CalendarDefinition(zone, terms, closures, days, hours, weekA, patterns);
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

    private static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
