namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A recorded exception: it suppresses flags for one person over a date range, and stays on record.
/// </summary>
/// <param name="Id">Identifier.</param>
/// <param name="School">School identifier.</param>
/// <param name="Kind">An <see cref="ExceptionKind"/> word.</param>
/// <param name="PersonId">The member of staff, or the pupil (Headteacher consent).</param>
/// <param name="From">First day covered (school local date).</param>
/// <param name="To">Last day covered (inclusive).</param>
/// <param name="ApprovedBy">The SLT member who agreed it, the trip leader, or the Headteacher who consented.</param>
/// <param name="Reason">Why (the trip's name and destination for a trip).</param>
/// <param name="RecordedBy">Who entered it.</param>
/// <param name="RecordedUtc">When it was entered.</param>
public sealed record PolicyException(
    long Id,
    string School,
    string Kind,
    string PersonId,
    DateOnly From,
    DateOnly To,
    string ApprovedBy,
    string Reason,
    string RecordedBy,
    DateTimeOffset RecordedUtc)
{
    /// <summary>
    /// Tells whether this exception is of a kind and covers a person on a date.
    /// </summary>
    /// <param name="kind">An <see cref="ExceptionKind"/> word.</param>
    /// <param name="personId">The person.</param>
    /// <param name="date">School local date.</param>
    /// <returns>true when it applies.</returns>
    public bool Covers(string kind, string personId, DateOnly date) =>
        Kind == kind && string.Equals(PersonId, personId, StringComparison.Ordinal) && From <= date && date <= To;
}
