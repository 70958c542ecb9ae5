using System.Globalization;
using System.Security.Claims;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Imports staff timetables from an MIS CSV export (with effective dates) and adds cover lessons, the one way the
/// timetable page and the API change them: checks every row, stores them, audits the import and tells open pages.
/// </summary>
/// <param name="store">Calendars and timetables.</param>
/// <param name="people">Staff, to check a cover lesson names one.</param>
/// <param name="users">Audit log.</param>
/// <param name="live">Tells open pages.</param>
public sealed class TimetableImports(CalendarStore store, PeopleStore people, UserStore users, LiveUpdates live)
{
    /// <summary>The largest file accepted, in bytes.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Imports a timetable file.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="csv">The file's text.</param>
    /// <param name="validFrom">First day it applies, "yyyy-MM-dd", or null/empty to replace the current timetable now.</param>
    /// <param name="validTo">Last day it applies, "yyyy-MM-dd", or null/empty for open-ended.</param>
    /// <param name="user">Who imports it.</param>
    /// <param name="remote">The client's address, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The counts, or 400 listing every bad line (nothing is stored then).</returns>
    public async Task<ActionOutcome<TimetableImport>> ImportAsync(
        string school, string csv, string? validFrom, string? validTo, ClaimsPrincipal user, string remote, CancellationToken cancellationToken)
    {
        var v = new Validation();
        v.School(school);
        DateOnly? from = string.IsNullOrWhiteSpace(validFrom) ? null : v.Date("validFrom", validFrom);
        DateOnly? to = string.IsNullOrWhiteSpace(validTo) ? null : v.Date("validTo", validTo);
        if (from is DateOnly f && to is DateOnly t && t < f)
        {
            v.Add("validTo", "must not be before validFrom");
        }

        if (csv.Length > MaxBytes)
        {
            v.Add("csv", $"the file is larger than {MaxBytes} bytes");
            return ActionOutcome<TimetableImport>.Refused(StatusCodes.Status400BadRequest, v.Errors);
        }

        (IReadOnlyList<TimetableEntry> entries, IReadOnlyList<string> errors) = TimetableCsv.Parse(csv);
        foreach (string error in errors)
        {
            v.Add("csv", error);
        }

        if (entries.Count == 0 && errors.Count == 0)
        {
            v.Add("csv", "no lessons in the file");
        }

        if (entries.Any(e => e.Week is not null) && (await store.GetAsync(school, cancellationToken))?.WeekAStart is null)
        {
            v.Add("csv", "the file has Week A/B rows but the calendar has no Week A start: set it on the calendar page first");
        }

        if (!v.IsValid)
        {
            return ActionOutcome<TimetableImport>.Refused(StatusCodes.Status400BadRequest, v.Errors);
        }

        return ActionOutcome<TimetableImport>.Ok(await StoreAsync(school, entries, from, to, user, remote, cancellationToken));
    }

    /// <summary>
    /// Adds one cover lesson: contact time for the covering member of staff on that date.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The covering member of staff.</param>
    /// <param name="date">The date, "yyyy-MM-dd".</param>
    /// <param name="start">Start, "HH:mm".</param>
    /// <param name="end">End, "HH:mm".</param>
    /// <param name="className">The class covered, or null.</param>
    /// <param name="user">Who adds it.</param>
    /// <param name="remote">The client's address, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The counts (one cover lesson), 400 for a bad field, or 404 when no such member of staff.</returns>
    public async Task<ActionOutcome<TimetableImport>> AddCoverAsync(
        string school, string? personId, string? date, string? start, string? end, string? className, ClaimsPrincipal user, string remote, CancellationToken cancellationToken)
    {
        var v = new Validation();
        string person = v.Required("personId", personId, 64);
        DateOnly day = v.Date("date", date);
        var lesson = new TimeWindow(v.Time("start", start), v.Time("end", end));
        if (v.IsValid && lesson.End <= lesson.Start)
        {
            v.Add("end", "must be after the start");
        }

        if (!v.IsValid)
        {
            return ActionOutcome<TimetableImport>.Refused(StatusCodes.Status400BadRequest, v.Errors);
        }

        if (await people.FindAsync(school, person, cancellationToken) is not { Kind: PersonKind.Staff })
        {
            return ActionOutcome<TimetableImport>.Refused(StatusCodes.Status404NotFound, new Dictionary<string, string[]> { ["personId"] = [$"no member of staff {person}"] });
        }

        var cover = new TimetableEntry(
            person, SchoolCalendar.IsoWeekday(day), lesson, null, string.IsNullOrWhiteSpace(className) ? null : className.Trim(), null, null, TimetableActivity.Cover, day);
        return ActionOutcome<TimetableImport>.Ok(await StoreAsync(school, [cover], null, null, user, remote, cancellationToken));
    }

    private async Task<TimetableImport> StoreAsync(
        string school, IReadOnlyList<TimetableEntry> entries, DateOnly? from, DateOnly? to, ClaimsPrincipal user, string remote, CancellationToken cancellationToken)
    {
        int staff = await store.ReplaceTimetablesAsync(school, entries, from, to, cancellationToken);
        var result = new TimetableImport(staff, entries.Count(e => e.Date is null), entries.Count(e => e.Date is not null));
        string detail = string.Create(
            CultureInfo.InvariantCulture,
            $"staff={result.Staff}; weekly={result.Lessons}; cover={result.Cover}; from={from:yyyy-MM-dd}; to={to:yyyy-MM-dd}; people={string.Join(' ', entries.Select(e => e.PersonId).Distinct().Take(20))}");
        await users.AuditAsync(user.Identity?.Name ?? "-", "timetable:imported", AuditExtensions.ScopedDetail(school, detail), remote, cancellationToken);
        live.Publish("calendar");
        return result;
    }
}
