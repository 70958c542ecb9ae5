using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A flag with every change made to it.
/// </summary>
/// <param name="Flag">The flag.</param>
/// <param name="History">Oldest first.</param>
/// <param name="Account">The member of staff's own account of it, or null.</param>
public sealed record FlagDetails(Flag Flag, IReadOnlyList<FlagHistoryEntry> History, FlagAccount? Account = null);
