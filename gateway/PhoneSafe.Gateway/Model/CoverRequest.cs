namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A cover lesson to add.
/// </summary>
/// <param name="PersonId">The covering member of staff.</param>
/// <param name="Date">The date, "yyyy-MM-dd".</param>
/// <param name="Start">Start, "HH:mm".</param>
/// <param name="End">End, "HH:mm".</param>
/// <param name="ClassName">The class covered, or null.</param>
public sealed record CoverRequest(string? PersonId, string? Date, string? Start, string? End, string? ClassName);
