namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// One locker on the Today board with all its compartments.
/// </summary>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Kind">classroom, office, or null when not registered.</param>
/// <param name="Online">Whether its last status is online.</param>
/// <param name="StatusUtc">When that status was received.</param>
/// <param name="Compartments">Every compartment, in order.</param>
public sealed record LockerCard(string Locker, string? Kind, bool Online, DateTimeOffset? StatusUtc, IReadOnlyList<CompartmentCell> Compartments)
{
    /// <summary>Gets how many compartments hold a phone.</summary>
    public int Occupied => Compartments.Count(c => c.State == "occupied");
}
