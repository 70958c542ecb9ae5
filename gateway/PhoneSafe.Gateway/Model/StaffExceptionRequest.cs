namespace PhoneSafe.Gateway.Model;

/// <summary>
/// An exception agreed by the member of the SLT who records it (their signed-in account is recorded as agreeing).
/// </summary>
/// <param name="PersonId">The member of staff.</param>
/// <param name="Reason">Why (may be medical: special category data, seen only by SLT and Admin).</param>
/// <param name="From">First day, "yyyy-MM-dd".</param>
/// <param name="To">Last day, "yyyy-MM-dd".</param>
public sealed record StaffExceptionRequest(string? PersonId, string? Reason, string? From, string? To);
