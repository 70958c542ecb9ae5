namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A local time window as the API writes it.
/// </summary>
/// <param name="Start">Start, "HH:mm".</param>
/// <param name="End">End, "HH:mm" (exclusive).</param>
public sealed record WindowDto(string? Start, string? End);
