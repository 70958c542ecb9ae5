namespace PhoneSafe.Gateway.Broker;

/// <summary>
/// A registered locker as the broker set-up needs it.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="Locker">Locker identifier.</param>
/// <param name="DeviceKey">The locker's device key (its MQTT password is derived from it).</param>
public sealed record BrokerLocker(string School, string Locker, byte[] DeviceKey);
