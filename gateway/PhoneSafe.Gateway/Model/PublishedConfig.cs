namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The outcome of publishing one locker's configuration.
/// </summary>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Version">The version now published.</param>
/// <param name="Changed">true when the content changed and a new version was made; false when the same version was sent again or nothing was sent.</param>
/// <param name="Entries">Number of credentials on its allow-list.</param>
public sealed record PublishedConfig(string Locker, long Version, bool Changed, int Entries);
