using System.Globalization;
using System.Text;

namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Reads a staff timetable in the shape MIS timetable exports use: a header row, then one activity a row with the
/// staff code, the day, the start and end times, and optionally the cycle week, activity (lesson, form, duty, cover;
/// PPA and other time without pupils is left out), date (a cover lesson), period, class and room. Column names are
/// matched loosely ("Staff Code", "staff_code", "Teacher"; "Start", "Start Time"; "Class", "Group"), in any order.
/// The day may carry the week of a two-week cycle ("Mon A", "MonB", "Monday Week A") or the week may have its own column.
/// </summary>
public static class TimetableCsv
{
    private static readonly string[] s_staff = ["staffcode", "staff", "teacher", "teachercode", "code", "personid"];
    private static readonly string[] s_day = ["day", "weekday", "dayofweek"];
    private static readonly string[] s_start = ["start", "starttime", "from", "lessonstart", "periodstart"];
    private static readonly string[] s_end = ["end", "endtime", "to", "lessonend", "periodend", "finish"];
    private static readonly string[] s_period = ["period", "lesson", "periodname"];
    private static readonly string[] s_class = ["class", "classname", "group", "teachinggroup"];
    private static readonly string[] s_room = ["room", "roomcode"];
    private static readonly string[] s_week = ["week", "cycleweek", "timetableweek", "weekab"];
    private static readonly string[] s_activity = ["activity", "type", "activitytype", "lessontype", "eventtype"];
    private static readonly string[] s_date = ["date", "coverdate", "lessondate"];
    private static readonly string[] s_dateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
    private static readonly string[] s_timeFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss", "HHmm", "H.mm"];

    /// <summary>
    /// Parses a timetable.
    /// </summary>
    /// <param name="csv">The file's text (comma separated, double quotes around fields that contain commas).</param>
    /// <returns>The lessons, and one message per bad row or missing column (empty when all is well).</returns>
    public static (IReadOnlyList<TimetableEntry> Entries, IReadOnlyList<string> Errors) Parse(string csv)
    {
        var entries = new List<TimetableEntry>();
        var errors = new List<string>();
        string[] lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int headerLine = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (headerLine < 0)
        {
            return (entries, ["the file is empty; expected a header row such as: Staff Code,Day,Period,Start,End,Class,Room"]);
        }

        List<string> header = [.. SplitRow(lines[headerLine]).Select(Normalise)];
        int staff = Find(header, s_staff);
        int day = Find(header, s_day);
        int start = Find(header, s_start);
        int end = Find(header, s_end);
        int period = Find(header, s_period);
        int group = Find(header, s_class);
        int room = Find(header, s_room);
        int weekColumn = Find(header, s_week);
        int activityColumn = Find(header, s_activity);
        int dateColumn = Find(header, s_date);
        foreach ((int index, string name) in new[] { (staff, "staff code"), (day, "day"), (start, "start time"), (end, "end time") })
        {
            if (index < 0)
            {
                errors.Add($"line {headerLine + 1}: no {name} column in the header");
            }
        }

        if (errors.Count > 0)
        {
            return (entries, errors);
        }

        for (int i = headerLine + 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            List<string> fields = SplitRow(lines[i]);
            string Field(int column) => column >= 0 && column < fields.Count ? fields[column].Trim() : string.Empty;
            string code = Field(staff);
            (int weekday, string? week)? parsedDay = ParseDay(Field(day));
            string? week = parsedDay?.week;
            if (Field(weekColumn) is { Length: > 0 } weekField)
            {
                week = ParseWeek(weekField);
            }

            string? activity = TimetableActivity.Parse(Field(activityColumn));
            DateOnly? date = null;
            if (Field(dateColumn) is { Length: > 0 } dateField)
            {
                date = DateOnly.TryParseExact(dateField, s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d) ? d : DateOnly.MinValue;
            }

            bool startOk = TimeOnly.TryParseExact(Field(start), s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly from);
            bool endOk = TimeOnly.TryParseExact(Field(end), s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly to);
            string? problem = code.Length == 0 ? "no staff code"
                : parsedDay is null ? $"day '{Field(day)}' is not Monday–Sunday or 1–7 (with an optional week: Mon A)"
                : week == "?" ? $"week '{Field(weekColumn)}' is not A or B"
                : activity == "?" ? $"activity '{Field(activityColumn)}' is not a lesson, form time, duty, cover or non-contact time (PPA)"
                : date == DateOnly.MinValue ? $"date '{Field(dateColumn)}' is not a date such as 2026-11-25 or 25/11/2026"
                : date is DateOnly when && SchoolCalendar.IsoWeekday(when) != parsedDay.Value.weekday ? $"date {when:yyyy-MM-dd} is not a {Field(day)}"
                : !startOk ? $"start '{Field(start)}' is not a time such as 09:00"
                : !endOk ? $"end '{Field(end)}' is not a time such as 10:00"
                : to <= from ? "the lesson ends before it starts"
                : null;
            if (problem is not null)
            {
                errors.Add($"line {i + 1}: {problem}");
                continue;
            }

            if (activity is null)
            {
                continue; // PPA, non-contact or free: not contact time
            }

            entries.Add(new TimetableEntry(
                code, parsedDay!.Value.weekday, new TimeWindow(from, to), NullIfEmpty(Field(period)), NullIfEmpty(Field(group)), NullIfEmpty(Field(room)),
                date is null ? week : null, date is null ? activity : TimetableActivity.Cover, date));
        }

        return (entries, errors);
    }

    /// <summary>
    /// Reads a day as an MIS writes it: "Mon", "Monday", "1" (ISO, Monday = 1), with an optional week of a two-week
    /// cycle after it ("Mon A", "MonB", "Monday Week A", "Mon-A", "1A").
    /// </summary>
    /// <param name="text">The field.</param>
    /// <returns>ISO weekday and week ("A", "B" or null for every week); null when not a day.</returns>
    public static (int Weekday, string? Week)? ParseDay(string text)
    {
        string value = text.Trim().ToLowerInvariant();
        int digits = value.TakeWhile(char.IsDigit).Count();
        int weekday;
        string rest;
        if (digits > 0)
        {
            weekday = int.Parse(value[..digits], NumberStyles.None, CultureInfo.InvariantCulture);
            rest = value[digits..];
            if (weekday is < 1 or > 7)
            {
                return null;
            }
        }
        else
        {
            int letters = value.TakeWhile(char.IsLetter).Count();
            string name = value[..letters];
            int index = name.Length < 3 ? -1 : Array.FindIndex(s_dayNames, d => d.StartsWith(name, StringComparison.Ordinal));
            if (index < 0)
            {
                // "MonA": the week letter written straight after the day's short name.
                index = letters == 4 ? Array.FindIndex(s_dayNames, d => d.StartsWith(name[..3], StringComparison.Ordinal)) : -1;
                if (index < 0)
                {
                    return null;
                }

                rest = value[3..];
            }
            else
            {
                rest = value[letters..];
            }

            weekday = index + 1;
        }

        string? week = ParseWeek(rest);
        return week == "?" ? null : (weekday, week);
    }

    /// <summary>
    /// Reads the week of a two-week cycle: "A", "B", "Week A", "Wk B"; empty means every week.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>"A", "B", null for every week, or "?" when not recognised.</returns>
    public static string? ParseWeek(string text)
    {
        string value = new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
        if (value.StartsWith("week", StringComparison.Ordinal))
        {
            value = value[4..];
        }
        else if (value.StartsWith("wk", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value switch
        {
            "" => null,
            "a" or "1" => "A",
            "b" or "2" => "B",
            _ => "?",
        };
    }

    private static readonly string[] s_dayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static int Find(List<string> header, string[] names) => header.FindIndex(names.Contains);

    private static string Normalise(string name) =>
        new([.. name.Trim().TrimStart('\uFEFF').ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static List<string> SplitRow(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
