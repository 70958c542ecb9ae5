namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The Headteacher's consent to a parent's request that the office keep a pupil's phone safe.
/// </summary>
/// <param name="PupilId">The pupil.</param>
/// <param name="Reason">The parent's reason.</param>
/// <param name="From">First day, "yyyy-MM-dd".</param>
/// <param name="To">Last day, "yyyy-MM-dd".</param>
/// <remarks>Only a Headteacher account records consent; its user name is recorded as consenting.</remarks>
public sealed record ConsentRequest(string? PupilId, string? Reason, string? From, string? To);
