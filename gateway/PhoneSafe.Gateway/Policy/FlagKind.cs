namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// What a flag reports (stored as these words).
/// </summary>
public static class FlagKind
{
    /// <summary>A member of staff retrieved their phone during their contact time.</summary>
    public const string StaffRetrieveInContactTime = "staff-retrieve-in-contact-time";

    /// <summary>A pupil's phone was released from the office unit before home-time.</summary>
    public const string PupilReleasedBeforeHomeTime = "pupil-released-before-home-time";

    /// <summary>
    /// Daily summary, one per school day: the staff with no deposit recorded by the start of their contact time
    /// (refreshed through the day as each one's contact time starts; older databases may hold one row per person).
    /// </summary>
    public const string NoDepositByContactTime = "no-deposit-by-contact-time";

    /// <summary>A compartment door was opened without being unlocked.</summary>
    public const string DoorForced = "door-forced";

    /// <summary>A compartment was left open.</summary>
    public const string DoorLeftOpen = "door-left-open";

    /// <summary>A locker was offline during the school day.</summary>
    public const string LockerOffline = "locker-offline";

    /// <summary>A locker sent events with an unsynchronised clock; the gateway placed them by arrival time.</summary>
    public const string TimeUnsynchronised = "time-unsynchronised";

    /// <summary>A pupil's phone taken in with no record, within the deadline, that the parents were made aware.</summary>
    public const string ParentsNotMadeAware = "parents-not-made-aware";

    /// <summary>A phone kept safe at a parent's request without the Headteacher's consent.</summary>
    public const string KeepSafeWithoutConsent = "keep-safe-without-consent";

    /// <summary>A pupil's phone was still held at the office a set time after home-time: not collected.</summary>
    public const string PupilPhoneNotCollected = "pupil-phone-not-collected";

    /// <summary>Every valid word.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        StaffRetrieveInContactTime, PupilReleasedBeforeHomeTime, NoDepositByContactTime, DoorForced, DoorLeftOpen,
        LockerOffline, TimeUnsynchronised, ParentsNotMadeAware, KeepSafeWithoutConsent, PupilPhoneNotCollected,
    ];
}
