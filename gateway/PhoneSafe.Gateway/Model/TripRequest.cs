namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A school visit or trip: the staff on it may keep their phones for emergency use.
/// </summary>
/// <param name="Name">The trip, such as "Year 5 to the Science Museum".</param>
/// <param name="People">Staff codes of the staff going.</param>
/// <param name="Leader">The trip leader.</param>
/// <param name="From">First day, "yyyy-MM-dd".</param>
/// <param name="To">Last day, "yyyy-MM-dd".</param>
/// <param name="RecordedBy">Who is entering it.</param>
public sealed record TripRequest(string? Name, IReadOnlyList<string>? People, string? Leader, string? From, string? To, string? RecordedBy);
