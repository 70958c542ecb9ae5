namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// One line of a day's no-deposit summary: a member of staff with no phone in a locker when their contact time began.
/// </summary>
/// <param name="Staff">The member of staff.</param>
/// <param name="ContactStart">When their contact time began that day (local).</param>
/// <param name="Excuse">The trip or SLT-agreed exception that covers them that day, or null.</param>
public sealed record NoDepositEntry(Model.Person Staff, TimeOnly ContactStart, PolicyException? Excuse);
