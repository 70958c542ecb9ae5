using System.Globalization;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// The calendar editor's fields: one row per term, closure, weekday and staff pattern, with blank rows to add more
/// (a row left blank is ignored, so clearing a row removes it). Turned into the same <see cref="CalendarDocument"/> the
/// API takes, and checked by the same action.
/// </summary>
public sealed class CalendarForm
{
    private const int BlankRows = 3;

    /// <summary>Gets or sets the time zone id.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Gets or sets the hours within which parents are to be told of an intake.</summary>
    public int? ParentNoticeHours { get; set; }

    /// <summary>Gets or sets the Monday of a Week A, yyyy-MM-dd, or empty when every week is the same.</summary>
    public string? WeekAStart { get; set; }

    /// <summary>Gets or sets the term rows.</summary>
    public List<TermRow> Terms { get; set; } = [];

    /// <summary>Gets or sets the closure rows (INSET days, bank holidays, half terms, other closures).</summary>
    public List<ClosureRow> Closures { get; set; } = [];

    /// <summary>Gets or sets one row per weekday, Monday first.</summary>
    public List<DayRow> Days { get; set; } = [];

    /// <summary>Gets or sets the staff pattern rows.</summary>
    public List<PatternRow> Patterns { get; set; } = [];

    /// <summary>
    /// Fills the form from a stored calendar (or the defaults), with blank rows to add to.
    /// </summary>
    /// <param name="d">The calendar, or null when the school has none yet.</param>
    /// <returns>The form.</returns>
    public static CalendarForm From(CalendarDefinition? d)
    {
        IReadOnlyList<DaySchedule> days = d?.Days ?? CalendarDefinition.DefaultDays;
        var form = new CalendarForm
        {
            TimeZone = d?.TimeZoneId ?? CalendarDefinition.DefaultTimeZoneId,
            ParentNoticeHours = d?.ParentNoticeHours ?? CalendarDefinition.DefaultParentNoticeHours,
            WeekAStart = d?.WeekAStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Terms = [.. (d?.Terms ?? []).Select(t => new TermRow { Name = t.Name, Start = Iso(t.Start), End = Iso(t.End) })],
            Closures = [.. (d?.Closures ?? []).Select(c => new ClosureRow { Start = Iso(c.Start), End = Iso(c.End), Kind = c.Kind, Description = c.Description })],
            Days = [.. Enumerable.Range(1, 7).Select(w => days.FirstOrDefault(x => x.Weekday == w) is DaySchedule s
                ? new DayRow { Contact = string.Join(", ", s.Contact.Select(c => $"{c.Start:HH\\:mm}-{c.End:HH\\:mm}")), HomeTime = s.HomeTime?.ToString("HH\\:mm", CultureInfo.InvariantCulture) }
                : new DayRow())],
            Patterns = [.. (d?.StaffPatterns ?? []).Select(p => new PatternRow { PersonId = p.PersonId, Weekdays = [.. p.Weekdays] })],
        };
        form.AddBlankRows();
        return form;
    }

    /// <summary>
    /// Adds blank rows after the filled ones, for new terms, closures and patterns.
    /// </summary>
    public void AddBlankRows()
    {
        Terms.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new TermRow()));
        Closures.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new ClosureRow { Kind = ClosureKind.Inset }));
        Patterns.AddRange(Enumerable.Range(0, BlankRows).Select(_ => new PatternRow()));
    }

    /// <summary>
    /// Turns the filled rows into the API's document (blank rows left out; times checked by the action).
    /// </summary>
    /// <returns>The document.</returns>
    public CalendarDocument ToDocument() => new(
        TimeZone,
        ParentNoticeHours,
        [.. Terms.Where(t => !Blank(t.Name, t.Start, t.End)).Select(t => new TermDto(t.Name, t.Start, t.End))],
        [.. Closures.Where(c => !Blank(c.Start, c.End, c.Description)).Select(c => new ClosureDto(c.Start, string.IsNullOrWhiteSpace(c.End) ? c.Start : c.End, c.Kind, c.Description))],
        [.. Days.Select((d, i) => (Day: d, Weekday: i + 1)).Where(x => !Blank(x.Day.Contact)).Select(x => new DayDto(x.Weekday, Windows(x.Day.Contact!), NullIfBlank(x.Day.HomeTime)))],
        NullIfBlank(WeekAStart),
        [.. Patterns.Where(p => !Blank(p.PersonId)).Select(p => new StaffPatternDto(p.PersonId!.Trim(), p.Weekdays))]);

    private static List<WindowDto> Windows(string text) =>
        [.. text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Split(['-', '–'], 2, StringSplitOptions.TrimEntries))
            .Select(p => new WindowDto(p[0], p.Length > 1 ? p[1] : null))];

    private static bool Blank(params string?[] values) => values.All(string.IsNullOrWhiteSpace);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A term row.</summary>
    public sealed class TermRow
    {
        /// <summary>Gets or sets the label.</summary>
        public string? Name { get; set; }

        /// <summary>Gets or sets the first day, yyyy-MM-dd.</summary>
        public string? Start { get; set; }

        /// <summary>Gets or sets the last day, yyyy-MM-dd.</summary>
        public string? End { get; set; }
    }

    /// <summary>A closure row.</summary>
    public sealed class ClosureRow
    {
        /// <summary>Gets or sets the first day, yyyy-MM-dd.</summary>
        public string? Start { get; set; }

        /// <summary>Gets or sets the last day, yyyy-MM-dd (empty for one day).</summary>
        public string? End { get; set; }

        /// <summary>Gets or sets the <see cref="ClosureKind"/> word.</summary>
        public string? Kind { get; set; }

        /// <summary>Gets or sets the description.</summary>
        public string? Description { get; set; }
    }

    /// <summary>A weekday row.</summary>
    public sealed class DayRow
    {
        /// <summary>Gets or sets the contact windows, "08:45-12:15, 13:05-15:15"; empty when not a school day.</summary>
        public string? Contact { get; set; }

        /// <summary>Gets or sets home-time, HH:mm.</summary>
        public string? HomeTime { get; set; }
    }

    /// <summary>A staff pattern row.</summary>
    public sealed class PatternRow
    {
        /// <summary>Gets or sets the staff code.</summary>
        public string? PersonId { get; set; }

        /// <summary>Gets or sets the ticked weekdays with contact time (none ticked: no contact time).</summary>
        public List<int> Weekdays { get; set; } = [];
    }
}
