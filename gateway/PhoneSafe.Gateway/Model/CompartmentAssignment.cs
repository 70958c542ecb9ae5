namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A compartment reserved for one member of staff.
/// </summary>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Compartment">Compartment number, from 1.</param>
/// <param name="PersonId">The member of staff.</param>
/// <param name="AssignedUtc">When it was assigned.</param>
public sealed record CompartmentAssignment(string Locker, int Compartment, string PersonId, DateTimeOffset AssignedUtc);
