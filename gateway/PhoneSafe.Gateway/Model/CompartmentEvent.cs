namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The latest door or custody event of one compartment, for the Today board.
/// </summary>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Compartment">Compartment number (1-based).</param>
/// <param name="Type">Event type (deposit, retrieve, door-opened, door-closed, door-forced, door-left-open, fault-cleared, or reconciled: recorded at the gateway).</param>
/// <param name="AtUtc">When the gateway placed it (device time when synchronised, else arrival).</param>
public sealed record CompartmentEvent(string Locker, int Compartment, string Type, DateTimeOffset AtUtc);
