namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A refused message kept for inspection.
/// </summary>
/// <param name="Id">Row identifier.</param>
/// <param name="ReceivedUtc">Arrival time.</param>
/// <param name="Topic">MQTT topic it came on.</param>
/// <param name="Reason">A <c>RejectReason</c> word.</param>
/// <param name="PayloadBytes">Size of the original payload.</param>
/// <param name="PayloadPreview">The first bytes of the payload as text (at most 512 characters).</param>
public sealed record QuarantinedMessage(long Id, DateTimeOffset ReceivedUtc, string Topic, string Reason, int PayloadBytes, string PayloadPreview);
