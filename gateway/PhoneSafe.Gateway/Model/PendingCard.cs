namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A card presented at a locker in enrolment mode that is not enrolled yet.
/// </summary>
/// <param name="Credential">The credential hash the locker reported.</param>
/// <param name="Locker">The locker it was last presented at.</param>
/// <param name="PresentedUtc">When it was last presented (arrival time at the gateway).</param>
public sealed record PendingCard(string Credential, string Locker, DateTimeOffset PresentedUtc);
