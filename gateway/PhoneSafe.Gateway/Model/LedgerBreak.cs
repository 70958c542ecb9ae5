namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The first place where the ledger's hash chain does not hold.
/// </summary>
/// <param name="School">School whose chain is broken.</param>
/// <param name="ChainIndex">Position in the school's chain where it breaks.</param>
/// <param name="Id">Row id of the first row that fails, or null when rows are missing at the end.</param>
/// <param name="Locker">That row's locker, or null.</param>
/// <param name="Sequence">That row's sequence number, or null.</param>
/// <param name="Reason">What is wrong, in words.</param>
public sealed record LedgerBreak(string School, long ChainIndex, long? Id, string? Locker, long? Sequence, string Reason);
