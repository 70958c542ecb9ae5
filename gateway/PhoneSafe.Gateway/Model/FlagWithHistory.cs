using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A flag and every change of its status.
/// </summary>
/// <param name="Flag">The flag.</param>
/// <param name="History">Oldest first.</param>
public sealed record FlagWithHistory(Flag Flag, IReadOnlyList<FlagHistoryEntry> History);
