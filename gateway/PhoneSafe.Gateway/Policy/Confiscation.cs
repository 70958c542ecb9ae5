namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A pupil's phone confiscated in class by a member of staff and taken to the office, as opposed to a phone the pupil
/// handed in at the office themselves.
/// </summary>
/// <param name="Id">Identifier.</param>
/// <param name="School">School identifier.</param>
/// <param name="PupilId">The pupil.</param>
/// <param name="ConfiscatedBy">The member of staff who confiscated it (staff code).</param>
/// <param name="ConfiscatedUtc">When it was confiscated.</param>
/// <param name="Lesson">The lesson, or null when not known.</param>
/// <param name="Room">The room, or null when not known.</param>
/// <param name="HandedTo">The office account that received it and recorded this.</param>
/// <param name="RecordedUtc">When the office recorded it.</param>
public sealed record Confiscation(
    long Id,
    string School,
    string PupilId,
    string ConfiscatedBy,
    DateTimeOffset ConfiscatedUtc,
    string? Lesson,
    string? Room,
    string HandedTo,
    DateTimeOffset RecordedUtc)
{
    /// <summary>
    /// Tells whether this confiscation brought a phone the office holds to the office: the pupil's, confiscated up to
    /// 12 hours before it went into the office unit (or up to 5 minutes after, for clocks a little apart).
    /// </summary>
    /// <param name="pupilId">The pupil whose phone is held.</param>
    /// <param name="held">The phone held.</param>
    /// <returns>true when it did.</returns>
    public bool BroughtIn(string pupilId, Model.OfficeHolding held) =>
        PupilId == pupilId && ConfiscatedUtc >= held.SinceUtc.AddHours(-12) && ConfiscatedUtc <= held.SinceUtc.AddMinutes(5);
}
