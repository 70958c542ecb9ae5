namespace PhoneSafe.Gateway.Model;

/// <summary>
/// An exception discussed and agreed with a member of the SLT.
/// </summary>
/// <param name="PersonId">The member of staff.</param>
/// <param name="ApprovedBy">The SLT member who agreed it.</param>
/// <param name="Reason">Why.</param>
/// <param name="From">First day, "yyyy-MM-dd".</param>
/// <param name="To">Last day, "yyyy-MM-dd".</param>
/// <param name="RecordedBy">Who is entering it.</param>
public sealed record StaffExceptionRequest(string? PersonId, string? ApprovedBy, string? Reason, string? From, string? To, string? RecordedBy);
