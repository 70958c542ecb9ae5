namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Which flags to list; every part is optional.
/// </summary>
/// <param name="Status">A <see cref="FlagStatus"/> word.</param>
/// <param name="Kind">A <see cref="FlagKind"/> word.</param>
/// <param name="PersonId">The person concerned.</param>
/// <param name="FromUtc">Occurred at or after.</param>
/// <param name="ToUtc">Occurred before.</param>
/// <param name="Limit">At most this many, newest first.</param>
public sealed record FlagFilter(string? Status = null, string? Kind = null, string? PersonId = null, DateTimeOffset? FromUtc = null, DateTimeOffset? ToUtc = null, int Limit = 500);
