namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The end of one school's hash chain. Writing it down somewhere else (a ticket, an e-mail, a printout) lets a
/// later check prove that nothing up to it was rewritten since, even by someone able to recompute the chain.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="Length">Events ever appended to the school's chain (including any purged under a checkpoint).</param>
/// <param name="Hash">Chain hash of the last event, lower-case hex, or null for a school without events.</param>
public sealed record LedgerHead(string School, long Length, string? Hash);
