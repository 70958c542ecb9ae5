using System.Net;
using System.Text;
using QRCoder;

namespace PhoneSafe.Gateway.Provisioning;

/// <summary>
/// The printable sheet of setup bundles: per locker its name, a QR code that opens the locker's setup page with the
/// bundle filled in, the setup code, and the expiry. Whoever holds a sheet can set up those lockers: keep it like a key.
/// </summary>
public static class SetupSheet
{
    /// <summary>The address a locker in setup mode serves its page on (its own access point).</summary>
    public const string SetupPageAddress = "http://192.168.4.1/#";

    /// <summary>The sheet's style sheet, under the gateway's web root.</summary>
    public const string StyleSheetPath = "css/setup-sheet.css";

    /// <summary>
    /// Renders the sheet as the gateway serves it (its style sheet linked, as the content security policy wants).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="wifiSsid">The network the lockers will join (printed for the technician).</param>
    /// <param name="bundles">The bundles.</param>
    /// <returns>An HTML document.</returns>
    public static string Render(string school, string wifiSsid, IReadOnlyList<IssuedSetupBundle> bundles) =>
        Render(school, wifiSsid, bundles, "<link rel=stylesheet href=\"/" + StyleSheetPath + "\">");

    /// <summary>
    /// Renders the sheet as a file that stands alone (its style sheet included).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="wifiSsid">The network the lockers will join.</param>
    /// <param name="bundles">The bundles.</param>
    /// <param name="styleSheet">The contents of <see cref="StyleSheetPath"/>.</param>
    /// <returns>An HTML document.</returns>
    public static string RenderStandalone(string school, string wifiSsid, IReadOnlyList<IssuedSetupBundle> bundles, string styleSheet) =>
        Render(school, wifiSsid, bundles, "<style>" + styleSheet + "</style>");

    private static string Render(string school, string wifiSsid, IReadOnlyList<IssuedSetupBundle> bundles, string styles)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=en><head><meta charset=utf-8><title>PhoneSafe setup sheet</title>").Append(styles)
            .Append("</head><body><h1>PhoneSafe setup sheet — ").Append(Encode(school)).Append("</h1>")
            .Append("<p>For each locker: power it on, join its Wi-Fi <b>PhoneSafe-setup-…</b> with a phone set to the manual address 192.168.4.2 (mask 255.255.255.0), scan the QR code, type the setup code. ")
            .Append("The locker then joins <b>").Append(Encode(wifiSsid)).Append("</b>. Each code works once. Shred this sheet when done.</p>");
        using var generator = new QRCodeGenerator();
        foreach (IssuedSetupBundle bundle in bundles)
        {
            using QRCodeData data = generator.CreateQrCode(SetupPageAddress + bundle.Text, QRCodeGenerator.ECCLevel.L);
            html.Append("<section data-locker=\"").Append(Encode(bundle.Locker)).Append("\"><h2>Locker ").Append(Encode(bundle.Locker)).Append("</h2>")
                .Append(new SvgQRCode(data).GetGraphic(2))
                .Append("<p>Setup code: <code>").Append(Encode(bundle.Code)).Append("</code></p>")
                .Append("<p>Valid until ").Append(bundle.ExpiresUtc.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)).Append(" UTC</p>")
                .Append("<details><summary>Bundle text (to paste instead of scanning)</summary><span class=bundle>").Append(Encode(bundle.Text)).Append("</span></details></section>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
