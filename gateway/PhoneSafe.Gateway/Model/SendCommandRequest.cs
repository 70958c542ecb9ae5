namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Body of POST .../lockers/{locker}/commands.
/// </summary>
/// <param name="Command">unlock, clear, identify, enrol, intake or release.</param>
/// <param name="Compartment">The compartment: required for unlock and clear; optional for intake (0 or absent: the locker chooses).</param>
/// <param name="PersonId">The pupil, for intake and release at an office unit.</param>
/// <param name="Reason">Why: required for unlock and clear (up to 500 characters).</param>
public sealed record SendCommandRequest(string? Command, int? Compartment = null, string? PersonId = null, string? Reason = null);
