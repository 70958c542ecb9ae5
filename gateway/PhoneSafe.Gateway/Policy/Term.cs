namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A school term (or half term): the dates between which the school is open, both inclusive.
/// </summary>
/// <param name="Name">Label such as "Autumn 1".</param>
/// <param name="Start">First day.</param>
/// <param name="End">Last day (inclusive, not before <paramref name="Start"/>).</param>
public sealed record Term(string Name, DateOnly Start, DateOnly End);
