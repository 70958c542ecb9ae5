namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// <see cref="ISchoolCalendar"/> over a <see cref="CalendarDefinition"/> and the school's imported timetables.
/// </summary>
public sealed class SchoolCalendar : ISchoolCalendar
{
    private readonly CalendarDefinition _definition;
    private readonly Dictionary<int, DaySchedule> _days;
    private readonly Dictionary<string, List<TimetableEntry>> _timetables;
    private readonly Dictionary<string, StaffPattern> _patterns;

    /// <summary>
    /// Initializes a new instance of the <see cref="SchoolCalendar"/> class.
    /// </summary>
    /// <param name="definition">The school's settings.</param>
    /// <param name="timetable">Timetabled lessons, form time, duties and cover of staff (any number of people).</param>
    /// <exception cref="TimeZoneNotFoundException">The time zone id is not known on this machine.</exception>
    public SchoolCalendar(CalendarDefinition definition, IEnumerable<TimetableEntry> timetable)
    {
        _definition = definition;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZoneId);
        _days = definition.Days.ToDictionary(d => d.Weekday);
        _timetables = timetable.GroupBy(t => t.PersonId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _patterns = (definition.StaffPatterns ?? []).ToDictionary(p => p.PersonId, StringComparer.Ordinal);
    }

    /// <summary>Gets the settings this calendar was built from.</summary>
    public CalendarDefinition Definition => _definition;

    /// <inheritdoc/>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Tells whether a member of staff has an imported timetable.
    /// </summary>
    /// <param name="personId">Staff code.</param>
    /// <returns>true when their lessons refine their contact time.</returns>
    public bool HasTimetable(string personId) => _timetables.ContainsKey(personId);

    /// <summary>
    /// Gets the week of the two-week timetable cycle a date falls in.
    /// </summary>
    /// <param name="date">Local date.</param>
    /// <returns>"A" or "B"; null when the school's timetable repeats every week.</returns>
    public string? WeekOf(DateOnly date)
    {
        if (_definition.WeekAStart is not DateOnly weekA)
        {
            return null;
        }

        int days = date.DayNumber - weekA.AddDays(1 - IsoWeekday(weekA)).DayNumber;
        return Math.Abs(Math.Floor(days / 7.0) % 2) == 0 ? "A" : "B";
    }

    /// <inheritdoc/>
    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;

    /// <inheritdoc/>
    public DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        DateTime local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local))
        {
            // Spring forward: 01:30 does not exist in London on that Sunday; it is taken as 02:30.
            local = local.AddHours(1);
        }

        // An ambiguous (autumn) time takes the standard offset, which is what ConvertTimeToUtc does.
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, TimeZone), TimeSpan.Zero);
    }

    /// <inheritdoc/>
    public string? ClosedReason(DateOnly date)
    {
        int weekday = IsoWeekday(date);
        if (!_days.TryGetValue(weekday, out DaySchedule? day) || day.Contact.Count == 0)
        {
            return weekday >= 6 ? "weekend" : "no contact time on " + date.DayOfWeek;
        }

        if (!_definition.Terms.Any(t => t.Start <= date && date <= t.End))
        {
            return "outside term";
        }

        Closure? closure = _definition.Closures.FirstOrDefault(c => c.Start <= date && date <= c.End);
        if (closure is not null)
        {
            return string.IsNullOrWhiteSpace(closure.Description) ? closure.Kind : closure.Kind + ": " + closure.Description;
        }

        return null;
    }

    /// <inheritdoc/>
    public IReadOnlyList<TimeWindow> ContactWindows(DateOnly date, string? personId)
    {
        if (ClosedReason(date) is not null)
        {
            return [];
        }

        int weekday = IsoWeekday(date);
        if (personId is null)
        {
            return _days[weekday].Contact;
        }

        List<TimetableEntry> entries = _timetables.GetValueOrDefault(personId) ?? [];
        string? week = WeekOf(date);
        IEnumerable<TimetableEntry> cover = entries.Where(e => e.Date == date);
        if (_patterns.TryGetValue(personId, out StaffPattern? pattern) && !pattern.Weekdays.Contains(weekday))
        {
            // Not a working day (or no contact time at all): only cover they took that day is contact time.
            return Merge(cover.Select(e => e.Lesson));
        }

        // A member with a timetable in force that day has exactly their timetabled activities (and any cover) as
        // contact time; without one, the school's windows apply, and cover taken outside them is added.
        return entries.Any(e => e.IsCurrentOn(date))
            ? Merge(entries.Where(e => e.OccursOn(date, week)).Select(e => e.Lesson))
            : Merge(_days[weekday].Contact.Concat(cover.Select(e => e.Lesson)));
    }

    /// <inheritdoc/>
    public TimeOnly? HomeTime(DateOnly date) => ClosedReason(date) is null ? _days[IsoWeekday(date)].HomeTime : null;

    /// <summary>
    /// Gets the ISO weekday of a date.
    /// </summary>
    /// <param name="date">The date.</param>
    /// <returns>1 = Monday to 7 = Sunday.</returns>
    public static int IsoWeekday(DateOnly date) => date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;

    private static List<TimeWindow> Merge(IEnumerable<TimeWindow> windows)
    {
        var merged = new List<TimeWindow>();
        foreach (TimeWindow window in windows.OrderBy(w => w.Start))
        {
            if (merged.Count > 0 && window.Start <= merged[^1].End)
            {
                TimeWindow last = merged[^1];
                merged[^1] = last with { End = window.End > last.End ? window.End : last.End };
            }
            else
            {
                merged.Add(window);
            }
        }

        return merged;
    }
}
