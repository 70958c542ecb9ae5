namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The acknowledgement owed to a locker.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Sequence">Highest sequence number stored with no gap below it.</param>
public sealed record AckPoint(string School, string Locker, long Sequence);
