using System.Globalization;
using System.Text;

namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Reads a staff timetable in the shape MIS timetable exports use: a header row, then one lesson a row with the
/// staff code, the day, the start and end times, and optionally the period, class and room. Column names are matched
/// loosely ("Staff Code", "staff_code", "Teacher"; "Start", "Start Time"; "Class", "Group"), in any order.
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
            int? weekday = ParseDay(Field(day));
            bool startOk = TimeOnly.TryParseExact(Field(start), s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly from);
            bool endOk = TimeOnly.TryParseExact(Field(end), s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly to);
            string? problem = code.Length == 0 ? "no staff code"
                : weekday is null ? $"day '{Field(day)}' is not Monday–Sunday or 1–7"
                : !startOk ? $"start '{Field(start)}' is not a time such as 09:00"
                : !endOk ? $"end '{Field(end)}' is not a time such as 10:00"
                : to <= from ? "the lesson ends before it starts"
                : null;
            if (problem is not null)
            {
                errors.Add($"line {i + 1}: {problem}");
                continue;
            }

            entries.Add(new TimetableEntry(code, weekday!.Value, new TimeWindow(from, to), NullIfEmpty(Field(period)), NullIfEmpty(Field(group)), NullIfEmpty(Field(room))));
        }

        return (entries, errors);
    }

    /// <summary>
    /// Reads a weekday as an MIS writes it: "Mon", "Monday", "1" (ISO, Monday = 1), with an optional week letter ("Mon A") ignored.
    /// </summary>
    /// <param name="text">The field.</param>
    /// <returns>ISO weekday, or null.</returns>
    public static int? ParseDay(string text)
    {
        string value = text.Trim();
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            return number is >= 1 and <= 7 ? number : null;
        }

        if (value.Length < 3)
        {
            return null;
        }

        int index = Array.IndexOf(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], value[..3].ToLowerInvariant());
        return index < 0 ? null : index + 1;
    }

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
