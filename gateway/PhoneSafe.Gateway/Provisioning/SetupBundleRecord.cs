namespace PhoneSafe.Gateway.Provisioning;

/// <summary>
/// An issued setup bundle as the gateway remembers it.
/// </summary>
/// <param name="BundleId">The bundle's identifier (the locker stores it).</param>
/// <param name="Locker">Locker identifier.</param>
/// <param name="IssuedBy">Who printed it.</param>
/// <param name="IssuedUtc">When.</param>
/// <param name="ExpiresUtc">When a locker with a set clock stops accepting it.</param>
/// <param name="JoinedUtc">When the locker first reported after the bundle was issued, or null.</param>
public sealed record SetupBundleRecord(string BundleId, string Locker, string IssuedBy, DateTimeOffset IssuedUtc, DateTimeOffset ExpiresUtc, DateTimeOffset? JoinedUtc);
