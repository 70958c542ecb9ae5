namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// The kinds of recorded exception to the phone rules (stored as these words).
/// </summary>
public static class ExceptionKind
{
    /// <summary>A member of staff may keep their phone, as discussed and agreed with a member of the SLT.</summary>
    public const string SltAgreed = "slt-agreed";

    /// <summary>A school visit or trip: phones for emergency use only, away from the children.</summary>
    public const string Trip = "trip";

    /// <summary>The Headteacher's consent to a parent's request that the office keep a pupil's phone safe.</summary>
    public const string HeadteacherConsent = "headteacher-consent";

    /// <summary>Every valid word.</summary>
    public static readonly IReadOnlyList<string> All = [SltAgreed, Trip, HeadteacherConsent];
}
