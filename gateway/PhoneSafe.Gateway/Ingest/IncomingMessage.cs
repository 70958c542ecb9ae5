namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// A message as it arrived from the broker, before any check.
/// </summary>
/// <param name="Topic">MQTT topic.</param>
/// <param name="Payload">Payload bytes.</param>
/// <param name="ReceivedUtc">Arrival time.</param>
public sealed record IncomingMessage(string Topic, byte[] Payload, DateTimeOffset ReceivedUtc);
