namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The result of checking the ledger's hash chain.
/// </summary>
/// <param name="Ok">true when every school's chain holds from its start (or checkpoint) to its recorded head.</param>
/// <param name="Schools">Schools checked.</param>
/// <param name="Events">Event rows checked.</param>
/// <param name="Checkpoints">Retention checkpoints found.</param>
/// <param name="FirstBreak">The first broken link, or null when <paramref name="Ok"/>.</param>
/// <param name="Heads">Each checked school's chain head.</param>
/// <param name="DeviceTagsChecked">true when each event's device tag was also checked with its locker's key.</param>
public sealed record LedgerVerification(bool Ok, int Schools, long Events, long Checkpoints, LedgerBreak? FirstBreak, IReadOnlyList<LedgerHead> Heads, bool DeviceTagsChecked = false);
