namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// One occupied compartment on the Today board.
/// </summary>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Compartment">Compartment number.</param>
/// <param name="Who">The owner's name, or "unknown badge" for a credential not linked to anyone.</param>
/// <param name="SinceUtc">When the phone went in.</param>
public sealed record BoardRow(string Locker, int Compartment, string Who, DateTimeOffset SinceUtc);
