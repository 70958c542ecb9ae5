namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// What a timetable row is (stored as these words). Following the school's policy — phones are put away "throughout
/// contact time with the children" — every one of these is contact time: lessons, form (tutor) time, duties
/// supervising pupils (break, lunch, gate, bus) and cover lessons taken for an absent colleague. Rows an MIS exports
/// for time without pupils (PPA, non-contact, free periods, meetings) are not contact time and are not imported.
/// </summary>
public static class TimetableActivity
{
    /// <summary>A timetabled lesson.</summary>
    public const string Lesson = "lesson";

    /// <summary>Form, tutor or registration time.</summary>
    public const string Form = "form";

    /// <summary>A duty supervising pupils.</summary>
    public const string Duty = "duty";

    /// <summary>A cover lesson on one date, for an absent colleague.</summary>
    public const string Cover = "cover";

    /// <summary>Every valid word.</summary>
    public static readonly IReadOnlyList<string> All = [Lesson, Form, Duty, Cover];

    /// <summary>
    /// Reads the activity column of an MIS export.
    /// </summary>
    /// <param name="text">The field ("Lesson", "Tutor", "Reg", "Break duty", "Cover", "PPA", …); empty means a lesson.</param>
    /// <returns>The activity; null for time without pupils (PPA, non-contact, free, meeting), which is not imported; "?" when not recognised.</returns>
    public static string? Parse(string text)
    {
        string value = text.Trim().ToLowerInvariant();
        return value switch
        {
            "" or "lesson" or "teaching" or "class" => Lesson,
            _ when value.Contains("ppa", StringComparison.Ordinal) || value.Contains("non", StringComparison.Ordinal)
                || value.Contains("free", StringComparison.Ordinal) || value.Contains("meeting", StringComparison.Ordinal)
                || value.Contains("planning", StringComparison.Ordinal) => null,
            _ when value.Contains("cover", StringComparison.Ordinal) => Cover,
            _ when value.Contains("duty", StringComparison.Ordinal) || value.Contains("supervis", StringComparison.Ordinal) => Duty,
            _ when value.Contains("form", StringComparison.Ordinal) || value.Contains("tutor", StringComparison.Ordinal)
                || value.StartsWith("reg", StringComparison.Ordinal) => Form,
            _ => "?",
        };
    }
}
