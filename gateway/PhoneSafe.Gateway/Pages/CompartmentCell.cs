namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// One compartment on the Today board.
/// </summary>
/// <param name="Number">Compartment number (1-based).</param>
/// <param name="State">"empty", "occupied", "open" or "fault".</param>
/// <param name="Who">For an occupied compartment, the owner's name (or "unknown badge"); else null.</param>
/// <param name="SinceUtc">Since when it is in that state, when known.</param>
/// <param name="Detail">For a fault, what the locker reported (door forced, door left open).</param>
public sealed record CompartmentCell(int Number, string State, string? Who, DateTimeOffset? SinceUtc, string? Detail);
