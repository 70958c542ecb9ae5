using PdfSharp.Fonts;

namespace PhoneSafe.Gateway.Reports;

/// <summary>
/// Gives PDFsharp the one sans-serif face the reports use, from the server's own font files (DejaVu Sans on Debian
/// and Ubuntu, Liberation Sans, or Arial on Windows): PDFsharp's own resolver finds no fonts on most Linux servers.
/// </summary>
internal sealed class SystemFontResolver : IFontResolver
{
    /// <summary>The family name reports ask for.</summary>
    public const string Family = "PhoneSafe Sans";

    private static readonly string[] Regular =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", @"C:\Windows\Fonts\arial.ttf",
    ];

    private static readonly string[] Bold =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", @"C:\Windows\Fonts\arialbd.ttf",
    ];

    /// <inheritdoc/>
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase) ? new FontResolverInfo(bold ? "bold" : "regular") : null;

    /// <inheritdoc/>
    public byte[]? GetFont(string faceName)
    {
        string[] candidates = faceName == "bold" ? Bold : Regular;
        string path = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No font for PDF reports: install fonts-dejavu-core (looked for {string.Join(", ", candidates)}).");
        return File.ReadAllBytes(path);
    }
}
