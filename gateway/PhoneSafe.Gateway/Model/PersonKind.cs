namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Whether a person is a member of staff or a pupil (stored as these words).
/// </summary>
public static class PersonKind
{
    /// <summary>A member of staff (teacher, support staff, office staff, SLT).</summary>
    public const string Staff = "staff";

    /// <summary>A pupil.</summary>
    public const string Pupil = "pupil";
}
