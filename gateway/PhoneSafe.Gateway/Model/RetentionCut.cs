namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A cut of one school's ledger at a checkpoint.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="ChainIndex">The last chain index removed (the checkpoint's).</param>
/// <param name="Rows">Events removed by this cut (events still needed before it are kept, see <see cref="HeldRecords"/>).</param>
public sealed record RetentionCut(string School, long ChainIndex, long Rows);
