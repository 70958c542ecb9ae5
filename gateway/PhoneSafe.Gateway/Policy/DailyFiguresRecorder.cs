using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Records each school's de-identified daily figures (<see cref="DailyFigure"/>) from the ledger, flags and exceptions,
/// so the compliance history outlives the retention purge. Every closed day is counted; the last
/// <see cref="RefreshDays"/> days are counted again each time (a flag's outcome changes as it is reviewed), as long as
/// the records they come from are still all there. Days before the first recorded one are filled in from whatever
/// the ledger still holds (a database from before the figures existed).
/// </summary>
/// <param name="calendars">Calendars (schools, local dates, contact time).</param>
/// <param name="people">Staff.</param>
/// <param name="dashboard">Staff deposits and retrievals.</param>
/// <param name="figures">The figures and their other sources.</param>
/// <param name="time">The clock (today).</param>
public sealed class DailyFiguresRecorder(CalendarStore calendars, PeopleStore people, DashboardStore dashboard, DailyFiguresStore figures, TimeProvider time)
{
    /// <summary>How many closed days are counted again at every run: 30, shorter than every retention period.</summary>
    public const int RefreshDays = 30;

    /// <summary>
    /// Records every school's figures up to yesterday.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many school-days were recorded.</returns>
    public async Task<int> RecordAsync(CancellationToken cancellationToken)
    {
        int days = 0;
        foreach (string school in await calendars.ListSchoolsAsync(cancellationToken))
        {
            days += await RecordAsync(school, cancellationToken);
        }

        return days;
    }

    /// <summary>
    /// Records one school's figures up to yesterday.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many days were recorded.</returns>
    public async Task<int> RecordAsync(string school, CancellationToken cancellationToken)
    {
        SchoolCalendar? calendar = await calendars.LoadAsync(school, cancellationToken);
        if (calendar is null)
        {
            return 0;
        }

        DateOnly yesterday = calendar.LocalDate(time.GetUtcNow()).AddDays(-1);
        (DateTimeOffset? firstEvent, bool purged) = await figures.GetLedgerStartAsync(school, cancellationToken);
        if (firstEvent is not { } first)
        {
            return 0;
        }

        // After a purge, a day is whole only a week after the ledger's first event (a phone left in counts).
        DateOnly whole = calendar.LocalDate(first).AddDays(purged ? 8 : 0);
        DateOnly from = await figures.GetLastDayAsync(school, cancellationToken) is { } last ? last.AddDays(1) : whole;
        from = Max(Min(from, yesterday.AddDays(1 - RefreshDays)), whole);
        if (from > yesterday)
        {
            return 0;
        }

        DateTimeOffset fromUtc = calendar.ToUtc(from, TimeOnly.MinValue);
        DateTimeOffset toUtc = calendar.ToUtc(yesterday.AddDays(1), TimeOnly.MinValue);
        IReadOnlyList<Person> staff = await people.ListAsync(school, PersonKind.Staff, cancellationToken);
        List<StaffCustodyEvent> events = await dashboard.GetStaffCustodyEventsAsync(school, calendar.ToUtc(from.AddDays(-7), TimeOnly.MinValue), toUtc, cancellationToken);
        List<DailyFigure> counted = Count(
            calendar,
            ComplianceCalculator.Calculate(calendar, staff, events, from, yesterday),
            await figures.ReadPupilIntakesAsync(school, fromUtc, toUtc, cancellationToken),
            await figures.ReadFlagsAsync(school, fromUtc, toUtc, cancellationToken),
            await figures.ReadExceptionsAsync(school, from, yesterday, cancellationToken),
            from,
            yesterday);
        await figures.ReplaceAsync(school, from, yesterday, counted, cancellationToken);
        return yesterday.DayNumber - from.DayNumber + 1;
    }

    /// <summary>
    /// Counts the figures of a run of days. The staff and pupil measures get a row every day (zero included), so a
    /// recorded day is told apart from a day never counted.
    /// </summary>
    /// <param name="calendar">The school calendar (local dates).</param>
    /// <param name="staffDays">The staff-days with contact time (<see cref="ComplianceCalculator.Calculate"/>).</param>
    /// <param name="pupilIntakesUtc">When pupil phones were taken in.</param>
    /// <param name="flags">Flags by kind, outcome and when they occurred.</param>
    /// <param name="exceptions">Exceptions by kind and the days they cover.</param>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day (inclusive).</param>
    /// <returns>The figures, by day.</returns>
    public static List<DailyFigure> Count(
        ISchoolCalendar calendar,
        IReadOnlyList<ComplianceDay> staffDays,
        IReadOnlyList<DateTimeOffset> pupilIntakesUtc,
        IReadOnlyList<(string Kind, string Outcome, DateTimeOffset OccurredUtc)> flags,
        IReadOnlyList<(string Kind, DateOnly From, DateOnly To)> exceptions,
        DateOnly from,
        DateOnly to)
    {
        ILookup<DateOnly, ComplianceDay> byDay = staffDays.ToLookup(d => d.Date);
        ILookup<DateOnly, DateTimeOffset> intakes = pupilIntakesUtc.ToLookup(calendar.LocalDate);
        ILookup<DateOnly, (string Kind, string Outcome, DateTimeOffset OccurredUtc)> flagsByDay = flags.ToLookup(f => calendar.LocalDate(f.OccurredUtc));
        var result = new List<DailyFigure>();
        for (DateOnly day = from; day <= to; day = day.AddDays(1))
        {
            result.Add(new DailyFigure(day, DailyFigure.StaffExpected, string.Empty, string.Empty, byDay[day].Count()));
            result.Add(new DailyFigure(day, DailyFigure.StaffDeposited, string.Empty, string.Empty, byDay[day].Count(d => d.Deposited)));
            result.Add(new DailyFigure(day, DailyFigure.RetrievalsInContact, string.Empty, string.Empty, byDay[day].Sum(d => d.RetrievalsInContact)));
            result.Add(new DailyFigure(day, DailyFigure.PupilPhonesHeld, string.Empty, string.Empty, intakes[day].Count()));
            result.AddRange(flagsByDay[day].GroupBy(f => (f.Kind, f.Outcome)).Select(g => new DailyFigure(day, DailyFigure.Flags, g.Key.Kind, g.Key.Outcome, g.Count())));
            result.AddRange(exceptions.Where(e => e.From <= day && day <= e.To).GroupBy(e => e.Kind).Select(g => new DailyFigure(day, DailyFigure.Exceptions, g.Key, string.Empty, g.Count())));
        }

        return result;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
