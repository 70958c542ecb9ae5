namespace PhoneSafe.Gateway.Enrolment;

/// <summary>
/// The outcome of enrolling or linking a card.
/// </summary>
public enum EnrolmentStatus
{
    /// <summary>The card is now the person's.</summary>
    Enrolled,

    /// <summary>The card was already the person's; nothing changed.</summary>
    AlreadyEnrolled,

    /// <summary>The UID is not 4, 7 or 10 bytes of hex.</summary>
    InvalidUid,

    /// <summary>No such person, or they are inactive.</summary>
    UnknownPerson,

    /// <summary>The card is someone else's valid credential; revoke it first.</summary>
    EnrolledToSomeoneElse,

    /// <summary>The credential hash is not a pending card.</summary>
    NotPending,
}
