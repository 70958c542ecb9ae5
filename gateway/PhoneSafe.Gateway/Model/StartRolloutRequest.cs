namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Starts a staged rollout: the first locker listed gets the version first, the others once it is confirmed.
/// </summary>
/// <param name="Lockers">Locker identifiers; the first is the pilot.</param>
public sealed record StartRolloutRequest(IReadOnlyList<string>? Lockers);
