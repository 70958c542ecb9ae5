using System.Globalization;

namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// The school's wording of the notice telling parents that the office holds their child's phone, with placeholders
/// filled in per pupil: <c>{pupil}</c> (name), <c>{date}</c> (dd/MM/yyyy), <c>{time}</c> (HH:mm, when the office
/// took the phone in), <c>{homeTime}</c> (HH:mm, when it can be collected) and <c>{how}</c> (handed in, or
/// confiscated in class).
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="Subject">Subject line (1 to 200 characters).</param>
/// <param name="Body">Plain text (1 to 4,000 characters).</param>
/// <param name="UpdatedBy">Who last saved it ("-" for the built-in wording).</param>
/// <param name="UpdatedUtc">When.</param>
public sealed record NoticeTemplate(string School, string Subject, string Body, string UpdatedBy, DateTimeOffset UpdatedUtc)
{
    /// <summary>The longest subject, in characters.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>The longest body, in characters.</summary>
    public const int MaxBodyLength = 4000;

    /// <summary>The placeholders a template may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["{pupil}", "{date}", "{time}", "{homeTime}", "{how}"];

    /// <summary>
    /// The built-in wording, used until the school saves its own.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <returns>The template.</returns>
    public static NoticeTemplate Default(string school) => new(
        school,
        "{pupil}'s phone is at the school office",
        """
        Dear parent or carer,

        {pupil}'s mobile phone was {how} on {date} at {time}. Pupils may not bring phones into school, so it is kept
        safe in the main office until home-time ({homeTime}), when {pupil} can collect it.

        If you would like the office to keep {pupil}'s phone safe during the day in future, please contact the office:
        this needs the Headteacher's consent.

        The school office
        """,
        "-",
        DateTimeOffset.UnixEpoch);

    /// <summary>
    /// Fills in the placeholders.
    /// </summary>
    /// <param name="text">Subject or body.</param>
    /// <param name="pupil">The pupil's name.</param>
    /// <param name="takenLocal">When the office took the phone in (school time).</param>
    /// <param name="homeTime">Home-time that day, or null when unknown.</param>
    /// <param name="confiscated">true when a teacher confiscated it in class.</param>
    /// <returns>The text for this pupil.</returns>
    public static string Fill(string text, string pupil, DateTime takenLocal, TimeOnly? homeTime, bool confiscated) => text
        .Replace("{pupil}", pupil, StringComparison.Ordinal)
        .Replace("{date}", takenLocal.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{time}", takenLocal.ToString("HH:mm", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{homeTime}", homeTime?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "the end of the school day", StringComparison.Ordinal)
        .Replace("{how}", confiscated ? "confiscated in class and taken to the school office" : "handed in at the school office", StringComparison.Ordinal);
}
