namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A pupil phone intake whose parent-notice check is due at a time.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="EventId">The intake (deposit) event.</param>
/// <param name="DueUtc">When to check.</param>
public sealed record IntakeDeadline(string School, long EventId, DateTimeOffset DueUtc);
