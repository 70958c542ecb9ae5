namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A phone taken out of a compartment without the locker recording it (with the override key, or while the controller
/// was dead), as a member of SLT or the IT technician reports it.
/// </summary>
/// <param name="Compartment">The compartment, 1 to the locker's count.</param>
/// <param name="TakenOutUtc">When the phone was taken out (not in the future).</param>
/// <param name="TakenOutBy">Who took it out (a name, up to 100 characters).</param>
/// <param name="Reason">Why (up to 500 characters).</param>
public sealed record ReconcileRequest(int? Compartment, DateTimeOffset? TakenOutUtc, string? TakenOutBy, string? Reason);
