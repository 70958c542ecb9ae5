namespace PhoneSafe.Gateway.Model;

/// <summary>
/// What a registered locker unit is for (stored as these words).
/// </summary>
public static class LockerKind
{
    /// <summary>A classroom or staff-room unit where staff deposit their own phones.</summary>
    public const string Classroom = "classroom";

    /// <summary>The office unit where office staff take in pupil phones.</summary>
    public const string Office = "office";

    /// <summary>
    /// Tells whether a word is a locker kind.
    /// </summary>
    /// <param name="kind">The word.</param>
    /// <returns>true when known.</returns>
    public static bool IsKnown(string? kind) => kind is Classroom or Office;
}
