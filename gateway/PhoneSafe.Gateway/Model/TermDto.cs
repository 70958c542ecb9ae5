namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A term as the API writes it.
/// </summary>
/// <param name="Name">Label, such as "Autumn 1".</param>
/// <param name="Start">First day, "yyyy-MM-dd".</param>
/// <param name="End">Last day, "yyyy-MM-dd" (inclusive).</param>
public sealed record TermDto(string? Name, string? Start, string? End);
