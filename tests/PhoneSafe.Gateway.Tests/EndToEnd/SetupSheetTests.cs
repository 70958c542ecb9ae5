using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Provisioning;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Commands;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.EndToEnd;

/// <summary>
/// From the printed setup sheet to a locker that reports: the Admin prints bundles, a virtual locker in setup mode takes
/// one through its setup page, joins the gateway's broker with what it stored, and the sheet page shows it joined.
/// </summary>
public sealed class SetupSheetTests
{
    private const string School = "setup-school";

    [Fact]
    public async Task SetupSheet_LockerSetUpFromItsBundle_JoinsTheGateway_AndIsShownJoinedAndAudited()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        CancellationToken ct = TestContext.Current.CancellationToken;

        string sheet = await PrintAsync(admin, "lk-a\nlk-b", gateway.BrokerPort);
        (string bundle, string code) = Read(sheet, "lk-a");
        var store = new MemorySettingsStore();
        var page = new SetupPage(store, new VirtualClock(), "PhoneSafe-setup-TEST");
        string form = "bundle=" + Uri.EscapeDataString(bundle) + "&code=" + Uri.EscapeDataString(code.ToLowerInvariant());
        string response = page.Handle("POST / HTTP/1.1\r\nContent-Length: " + form.Length + "\r\n\r\n" + form);

        Assert.StartsWith("HTTP/1.0 200", response);
        LockerSettings settings = Provisioner.ReadLockerSettings(store);
        Assert.Equal(gateway.Services.GetRequiredService<LockerDirectory>().GetDeviceKey(School, "lk-a"), settings.DeviceKey);
        string host = Encoding.UTF8.GetString(store.Read(SettingNames.BrokerHost));
        int port = int.Parse(Encoding.UTF8.GetString(store.Read(SettingNames.BrokerPort)));
        using (var fleet = new LockerFleet(host, port, [settings], int.Parse(Encoding.UTF8.GetString(store.Read(SettingNames.Compartments)))))
        {
            fleet.Boot();
            var registry = gateway.Services.GetRequiredService<LockerRegistryStore>();
            Assert.True(fleet.RunUntil(() => registry.ListLockersAsync(School, "lk-a", ct).GetAwaiter().GetResult().Single().Online, TimeSpan.FromSeconds(20)), "the set-up locker did not come online");
        }

        string list = await admin.GetStringAsync("/setup-sheets", ct);
        Assert.Matches("<td>lk-a</td>.*joined", list);
        Assert.Matches("<td>lk-b</td>.*waiting", list);
        string audit = await admin.GetStringAsync("/audit", ct);
        Assert.Equal(2, Regex.Matches(audit, "locker:setup-bundle").Count);
    }

    [Fact]
    public async Task SetupSheet_LockerThatHasReported_GetsNoSecondBundle()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        using (LockerRig rig = await LockerRig.StartAsync(gateway, School, "lk-live"))
        {
            var registry = gateway.Services.GetRequiredService<LockerRegistryStore>();
            Assert.True(rig.Fleet.RunUntil(() => registry.ListLockersAsync(School, "lk-live", TestContext.Current.CancellationToken).GetAwaiter().GetResult().Single().Online, TimeSpan.FromSeconds(20)));
        }

        using HttpResponseMessage response = await PostAsync(admin, "lk-live lk-new", gateway.BrokerPort);
        string html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("lk-live is set up and has reported", html);
        Assert.DoesNotContain("<section", html);
        Assert.DoesNotContain("lk-new", (await admin.GetStringAsync("/setup-sheets", TestContext.Current.CancellationToken)).Split("Issued bundles")[1]);
    }

    [Fact]
    public async Task SetupSheetCommand_WritesASheetWhoseBundleCarriesTheCaFile()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        string directory = Directory.CreateTempSubdirectory("setup-sheet").FullName;
        string caPath = Path.Combine(directory, "ca.crt");
        string sheetPath = Path.Combine(directory, "sheet.html");
        string pem = AuthorityPem();
        File.WriteAllText(caPath, pem);

        int exitCode = await GatewayCommands.RunAsync(gateway.Services, ["setup-sheet", School, "lk-cli", "--wifi-ssid", "w", "--broker-host", "gw.school.local", "--ca", caPath, "--out", sheetPath]);

        Assert.Equal(GatewayCommand.Success, exitCode);
        string sheet = File.ReadAllText(sheetPath);
        (string bundle, string code) = Read(sheet, "lk-cli");
        Assert.Contains("<style>/* The printed setup sheet", sheet);
        Assert.True(SetupBundle.TryOpen(bundle, code, out System.Collections.Hashtable settings, out string error), error);
        Assert.Equal(pem.Trim() + "\n", Encoding.UTF8.GetString((byte[])settings[SettingNames.BrokerCa]!));
        Assert.Equal("8883", Encoding.UTF8.GetString((byte[])settings[SettingNames.BrokerPort]!));
        Directory.Delete(directory, true);
    }

    private static async Task<string> PrintAsync(HttpClient admin, string lockers, int brokerPort)
    {
        using HttpResponseMessage response = await PostAsync(admin, lockers, brokerPort);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string sheet = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(lockers.Split('\n').Length, Regex.Matches(sheet, "<svg").Count);
        Assert.Contains("<link rel=stylesheet href=\"/css/setup-sheet.css\">", sheet);
        Assert.Contains("style-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("svg { width: 90mm", await admin.GetStringAsync("/css/setup-sheet.css", TestContext.Current.CancellationToken));
        return sheet;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient admin, string lockers, int brokerPort) =>
        await admin.PostAsync("/setup-sheets", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Lockers"] = lockers,
            ["Kind"] = LockerKind.Classroom,
            ["Compartments"] = "4",
            ["WifiSsid"] = "school-wifi",
            ["WifiPassword"] = "wifi-secret",
            ["BrokerHost"] = "127.0.0.1",
            ["BrokerPort"] = brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BrokerCa"] = AuthorityPem(),
            ["Hours"] = "48",
            ["__RequestVerificationToken"] = await GatewayHost.AntiforgeryTokenAsync(admin, "/setup-sheets"),
        }), TestContext.Current.CancellationToken);

    private static (string Bundle, string Code) Read(string sheet, string locker)
    {
        Match match = Regex.Match(sheet, "<section data-locker=\"" + locker + "\">.*?<code>([^<]+)</code>.*?<span class=bundle>([^<]+)</span>", RegexOptions.Singleline);
        Assert.True(match.Success, "no bundle for " + locker + " on the sheet");
        return (WebUtility.HtmlDecode(match.Groups[2].Value), match.Groups[1].Value);
    }

    private static string AuthorityPem()
    {
        // The size of the authority mosquitto-config makes: its certificate is the largest part of a bundle, and the QR code must hold it.
        using RSA key = RSA.Create(3072);
        var request = new CertificateRequest("CN=Test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return authority.ExportCertificatePem();
    }
}
