using System.Globalization;
using System.Text;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Compliance evidence from the calendar and the ledger: the deposit rate (staff with a phone in a locker at the
/// start of their contact time ÷ staff with contact time that day) and retrievals inside contact time.
/// </summary>
public static class ComplianceCalculator
{
    /// <summary>
    /// Works out every staff-day with contact time in a period.
    /// </summary>
    /// <param name="calendar">The school calendar (terms, closures, windows, timetables).</param>
    /// <param name="staff">Active staff.</param>
    /// <param name="events">Their deposits and retrievals, from before the period's first day (so a phone left in overnight counts).</param>
    /// <param name="from">First local date.</param>
    /// <param name="to">Last local date (inclusive).</param>
    /// <returns>One row per staff-day with contact time, by date then person.</returns>
    public static List<ComplianceDay> Calculate(ISchoolCalendar calendar, IReadOnlyList<Person> staff, IReadOnlyList<StaffCustodyEvent> events, DateOnly from, DateOnly to)
    {
        var byPerson = events.GroupBy(e => e.PersonId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.PlacedUtc).ThenBy(e => e.Id).ToList(), StringComparer.Ordinal);
        List<Person> ordered = [.. staff.OrderBy(p => p.PersonId, StringComparer.Ordinal)];
        var days = new List<ComplianceDay>();
        for (DateOnly date = from; date <= to; date = date.AddDays(1))
        {
            foreach (Person person in ordered)
            {
                IReadOnlyList<TimeWindow> windows = calendar.ContactWindows(date, person.PersonId);
                if (windows.Count == 0)
                {
                    continue;
                }

                // Each window converted to UTC once per staff-day; the person's events (sorted by time) are searched,
                // not scanned, so a year of a large school stays quick.
                var bounds = new (DateTimeOffset Start, DateTimeOffset End)[windows.Count];
                DateTimeOffset first = DateTimeOffset.MaxValue;
                DateTimeOffset last = DateTimeOffset.MinValue;
                for (int w = 0; w < windows.Count; w++)
                {
                    bounds[w] = (calendar.ToUtc(date, windows[w].Start), calendar.ToUtc(date, windows[w].End));
                    first = bounds[w].Start < first ? bounds[w].Start : first;
                    last = bounds[w].End > last ? bounds[w].End : last;
                }

                List<StaffCustodyEvent> own = byPerson.TryGetValue(person.PersonId, out List<StaffCustodyEvent>? list) ? list : [];
                DateTimeOffset start = bounds[0].Start;
                int atStart = FirstAfter(own, start) - 1;
                StaffCustodyEvent? lastBefore = atStart >= 0 ? own[atStart] : null;
                int retrievals = 0;
                for (int i = FirstAtOrAfter(own, first); i < own.Count && own[i].PlacedUtc < last; i++)
                {
                    DateTimeOffset placed = own[i].PlacedUtc;
                    if (own[i].Type == EventType.Retrieve && bounds.Any(b => placed >= b.Start && placed < b.End))
                    {
                        retrievals++;
                    }
                }

                days.Add(new ComplianceDay(date, person.PersonId, person.DisplayName, string.IsNullOrWhiteSpace(person.Department) ? "(none)" : person.Department, lastBefore?.Type == EventType.Deposit, start, retrievals));
            }
        }

        return days;
    }

    // Index of the first event placed after a time (events sorted by time).
    private static int FirstAfter(List<StaffCustodyEvent> sorted, DateTimeOffset time) => PrefixLength(sorted, placed => placed <= time);

    // Index of the first event placed at or after a time (events sorted by time).
    private static int FirstAtOrAfter(List<StaffCustodyEvent> sorted, DateTimeOffset time) => PrefixLength(sorted, placed => placed < time);

    // Binary search: how many events from the start satisfy a test that holds for a prefix of the sorted events.
    private static int PrefixLength(List<StaffCustodyEvent> sorted, Func<DateTimeOffset, bool> inPrefix)
    {
        int lo = 0;
        int hi = sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (inPrefix(sorted[mid].PlacedUtc))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// Groups staff-days.
    /// </summary>
    /// <param name="days">Staff-days.</param>
    /// <param name="key">The group of a staff-day.</param>
    /// <returns>Groups ordered by label.</returns>
    public static List<ComplianceBucket> Group(IEnumerable<ComplianceDay> days, Func<ComplianceDay, string> key) =>
        days.GroupBy(key, StringComparer.Ordinal)
            .Select(g => new ComplianceBucket(g.Key, g.Count(), g.Count(d => d.Deposited), g.Sum(d => d.RetrievalsInContact)))
            .OrderBy(b => b.Label, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Gets the school's totals day by day: the recorded daily figures (kept after the ledger is purged), and for days
    /// not recorded yet (today), the staff-days worked out from the ledger.
    /// </summary>
    /// <param name="recorded">Recorded daily figures.</param>
    /// <param name="live">Staff-days worked out from the ledger.</param>
    /// <returns>One total per day (labelled yyyy-MM-dd), in date order.</returns>
    public static List<(DateOnly Date, ComplianceBucket Totals)> DailyTotals(IEnumerable<DailyFigure> recorded, IEnumerable<ComplianceDay> live)
    {
        var days = new SortedDictionary<DateOnly, ComplianceBucket>();
        foreach (IGrouping<DateOnly, DailyFigure> day in recorded.GroupBy(f => f.Day).Where(g => g.Any(f => f.Measure == DailyFigure.StaffExpected)))
        {
            int Sum(string measure) => (int)day.Where(f => f.Measure == measure).Sum(f => f.Value);
            days[day.Key] = new ComplianceBucket(DayLabel(day.Key), Sum(DailyFigure.StaffExpected), Sum(DailyFigure.StaffDeposited), Sum(DailyFigure.RetrievalsInContact));
        }

        foreach (IGrouping<DateOnly, ComplianceDay> day in live.GroupBy(d => d.Date))
        {
            days.TryAdd(day.Key, Group(day, d => DayLabel(d.Date))[0]);
        }

        return [.. days.Select(d => (d.Key, d.Value))];
    }

    /// <summary>
    /// Groups daily totals.
    /// </summary>
    /// <param name="days">Daily totals (<see cref="DailyTotals"/>).</param>
    /// <param name="key">The group of a day.</param>
    /// <returns>Groups ordered by label.</returns>
    public static List<ComplianceBucket> Group(IEnumerable<(DateOnly Date, ComplianceBucket Totals)> days, Func<DateOnly, string> key) =>
        days.GroupBy(d => key(d.Date), StringComparer.Ordinal)
            .Select(g => new ComplianceBucket(g.Key, g.Sum(d => d.Totals.InContact), g.Sum(d => d.Totals.Deposited), g.Sum(d => d.Totals.RetrievalsInContact)))
            .OrderBy(b => b.Label, StringComparer.Ordinal)
            .ToList();

    /// <summary>Gets the label of a day, such as 2026-11-30.</summary>
    /// <param name="date">A date.</param>
    /// <returns>The label.</returns>
    public static string DayLabel(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Gets the ISO week label of a date, such as 2026-W48.</summary>
    /// <param name="date">A date.</param>
    /// <returns>The label.</returns>
    public static string WeekLabel(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)):00}");

    /// <summary>Gets the term a date is in, as "start name", or "(no term)".</summary>
    /// <param name="terms">The school's terms.</param>
    /// <param name="date">A date.</param>
    /// <returns>The label (prefixed with the start date so terms sort in order).</returns>
    public static string TermLabel(IReadOnlyList<Term> terms, DateOnly date) =>
        terms.FirstOrDefault(t => t.Start <= date && date <= t.End) is Term term
            ? string.Create(CultureInfo.InvariantCulture, $"{term.Start:yyyy-MM-dd} {term.Name}")
            : "(no term)";

    /// <summary>
    /// Writes staff-days as CSV (RFC 4180, CRLF; cells that a spreadsheet would run as a formula are prefixed with ').
    /// </summary>
    /// <param name="days">Staff-days.</param>
    /// <returns>The CSV text with a header row.</returns>
    public static string ToCsv(IEnumerable<ComplianceDay> days)
    {
        var csv = new StringBuilder("date,staff_code,name,department,deposited_by_contact_start,contact_start_utc,retrievals_in_contact_time\r\n");
        foreach (ComplianceDay d in days)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{d.Date:yyyy-MM-dd},{Cell(d.PersonId)},{Cell(d.Name)},{Cell(d.Department)},{(d.Deposited ? "yes" : "no")},{d.ContactStartUtc.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{d.RetrievalsInContact}\r\n");
        }

        return csv.ToString();
    }

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
