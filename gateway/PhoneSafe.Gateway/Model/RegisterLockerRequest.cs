namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Body of POST .../lockers.
/// </summary>
/// <param name="Locker">Locker identifier: 1 to 32 of a-z, 0-9 and '-'.</param>
/// <param name="Kind">"classroom" (default) or "office".</param>
/// <param name="Compartments">Number of compartments, 1 to 16.</param>
public sealed record RegisterLockerRequest(string? Locker, string? Kind, int? Compartments);
