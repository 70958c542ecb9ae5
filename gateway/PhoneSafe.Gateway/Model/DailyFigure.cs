namespace PhoneSafe.Gateway.Model;

/// <summary>
/// One de-identified figure of one school day, kept after the records it was counted from are purged: how many
/// staff were expected to deposit and did, how many pupil phones were held, flags raised by kind and outcome,
/// exceptions in force by kind. No person is named.
/// </summary>
/// <param name="Day">The school's local date.</param>
/// <param name="Measure">What is counted: one of the constants below.</param>
/// <param name="Kind">The flag or exception kind ("" for the staff and pupil measures).</param>
/// <param name="Outcome">For flags, the resolution (breach, explained, …) or else the status (open, …); "" otherwise.</param>
/// <param name="Value">The count.</param>
public sealed record DailyFigure(DateOnly Day, string Measure, string Kind, string Outcome, long Value)
{
    /// <summary>Staff with contact time that day (expected to deposit).</summary>
    public const string StaffExpected = "staff-expected";

    /// <summary>Of those, staff with a phone in a locker at the start of their contact time.</summary>
    public const string StaffDeposited = "staff-deposited";

    /// <summary>Staff retrievals inside contact time.</summary>
    public const string RetrievalsInContact = "retrievals-in-contact";

    /// <summary>Pupil phones taken in at the office.</summary>
    public const string PupilPhonesHeld = "pupil-phones-held";

    /// <summary>Flags raised about that day, by kind and outcome.</summary>
    public const string Flags = "flags";

    /// <summary>Exceptions in force that day, by kind.</summary>
    public const string Exceptions = "exceptions";
}
