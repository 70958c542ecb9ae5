namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// One stored event as the hash chain sees it: every column of the <c>events</c> table except the row id and the
/// chain hash itself. See docs/storage.md for the canonical serialisation.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Boot">Boot counter.</param>
/// <param name="Sequence">Sequence number.</param>
/// <param name="Type">Event type word.</param>
/// <param name="Compartment">Compartment, 0 for the whole unit.</param>
/// <param name="Credential">Credential hash or empty.</param>
/// <param name="Subject">Subject credential hash or empty.</param>
/// <param name="DeviceUtc">Device time as sent (ISO 8601).</param>
/// <param name="TimeSynchronized">1 when the device clock was synchronised, else 0.</param>
/// <param name="UptimeMilliseconds">Milliseconds since boot.</param>
/// <param name="ReceivedUtc">Arrival time at the gateway (ISO 8601).</param>
/// <param name="Payload">The signed message exactly as received (UTF-8 JSON with its "mac").</param>
/// <param name="ChainIndex">Position in the school's chain, from 1.</param>
public sealed record LedgerRow(
    string School,
    string Locker,
    long Boot,
    long Sequence,
    string Type,
    int Compartment,
    string Credential,
    string Subject,
    string DeviceUtc,
    int TimeSynchronized,
    long UptimeMilliseconds,
    string ReceivedUtc,
    string Payload,
    long ChainIndex);
