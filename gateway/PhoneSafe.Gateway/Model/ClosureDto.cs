namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A closure as the API writes it.
/// </summary>
/// <param name="Start">First day, "yyyy-MM-dd".</param>
/// <param name="End">Last day, "yyyy-MM-dd" (inclusive; defaults to the start).</param>
/// <param name="Kind">inset, bank-holiday, half-term or closure.</param>
/// <param name="Description">Free text.</param>
public sealed record ClosureDto(string? Start, string? End, string? Kind, string? Description);
