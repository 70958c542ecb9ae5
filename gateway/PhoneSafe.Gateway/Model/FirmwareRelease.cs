namespace PhoneSafe.Gateway.Model;

/// <summary>
/// An uploaded firmware image.
/// </summary>
/// <param name="Version">Firmware version.</param>
/// <param name="SizeBytes">Image size in bytes.</param>
/// <param name="Sha256">SHA-256 of the image, lower-case hex.</param>
/// <param name="Assemblies">The assemblies it carries, in load order.</param>
/// <param name="UploadedBy">Who uploaded it.</param>
/// <param name="UploadedUtc">When.</param>
public sealed record FirmwareRelease(string Version, int SizeBytes, string Sha256, IReadOnlyList<string> Assemblies, string UploadedBy, DateTimeOffset UploadedUtc);
