namespace PhoneSafe.Gateway.Provisioning;

/// <summary>
/// A setup bundle just issued: shown once, on the printed sheet.
/// </summary>
/// <param name="Locker">Locker identifier.</param>
/// <param name="BundleId">The bundle's identifier.</param>
/// <param name="Text">The bundle text (what the QR code carries).</param>
/// <param name="Code">The one-time setup code printed beside it.</param>
/// <param name="ExpiresUtc">When it expires.</param>
public sealed record IssuedSetupBundle(string Locker, string BundleId, string Text, string Code, DateTimeOffset ExpiresUtc);
