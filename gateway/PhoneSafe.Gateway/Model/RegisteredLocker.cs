namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The answer to registering a locker: the keys to load into it. Shown once; the gateway never returns them again.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Kind">A <see cref="LockerKind"/> word.</param>
/// <param name="Compartments">Number of compartments.</param>
/// <param name="DeviceKey">The locker's own 32-byte HMAC key, lower-case hex.</param>
/// <param name="CredentialKey">The school's 32-byte credential key, lower-case hex.</param>
public sealed record RegisteredLocker(string School, string Locker, string Kind, int Compartments, string DeviceKey, string CredentialKey);
