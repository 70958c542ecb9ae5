namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A cut of one school's ledger at a checkpoint.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="ChainIndex">The last chain index removed (the checkpoint's).</param>
/// <param name="Rows">Events removed by this cut.</param>
/// <param name="HeldBack">Why the cut stops where it does: "retention" (younger events), "custody" (a phone still in), "flag" (an open or investigated flag), or "end".</param>
public sealed record RetentionCut(string School, long ChainIndex, long Rows, string HeldBack);
