namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Body of PUT .../lockers/{locker}/compartments/{compartment}.
/// </summary>
/// <param name="PersonId">The member of staff to reserve the compartment for.</param>
public sealed record AssignCompartmentRequest(string? PersonId);
