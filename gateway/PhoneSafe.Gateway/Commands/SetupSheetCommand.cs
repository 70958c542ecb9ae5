using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Provisioning;

namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// <c>setup-sheet &lt;school&gt; &lt;locker&gt;... --wifi-ssid S --wifi-password P --broker-host H --ca ca.crt --out sheet.html</c>:
/// registers the lockers and writes the printable sheet of one-time setup bundles (QR code and setup code per locker).
/// </summary>
public sealed class SetupSheetCommand : GatewayCommand<SetupSheetCommand.Request>
{
    private const string SsidOption = "--wifi-ssid";
    private const string PasswordOption = "--wifi-password";
    private const string HostOption = "--broker-host";
    private const string PortOption = "--broker-port";
    private const string CaOption = "--ca";
    private const string HoursOption = "--hours";
    private const string KindOption = "--kind";
    private const string CompartmentsOption = "--compartments";
    private const string OutOption = "--out";
    private const int DefaultHours = 72;
    private const int DefaultPort = 8883;
    private const int DefaultCompartments = 8;

    /// <inheritdoc/>
    public override string Verb => "setup-sheet";

    /// <inheritdoc/>
    public override string Usage => "usage: setup-sheet <school> <locker>... --wifi-ssid <name> [--wifi-password <p>] --broker-host <host> [--broker-port 8883] --ca <ca.crt> --out <sheet.html> [--hours 72] [--kind classroom|office] [--compartments 8]";

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Options => [SsidOption, PasswordOption, HostOption, PortOption, CaOption, HoursOption, KindOption, CompartmentsOption, OutOption];

    /// <inheritdoc/>
    protected override bool TryRead(CommandArguments arguments, [NotNullWhen(true)] out Request? request)
    {
        request = null;
        IReadOnlyList<string> positional = arguments.Positional;
        string? ssid = arguments.Value(SsidOption);
        string? host = arguments.Value(HostOption);
        string? ca = arguments.Value(CaOption);
        string? output = arguments.Value(OutOption);
        if (positional.Count < 2 || ssid is null || host is null || ca is null || output is null
            || !TryNumber(arguments.Value(PortOption), DefaultPort, out int port)
            || !TryNumber(arguments.Value(HoursOption), DefaultHours, out int hours)
            || !TryNumber(arguments.Value(CompartmentsOption), DefaultCompartments, out int compartments))
        {
            return false;
        }

        request = new Request(
            new SetupSheetRequest(positional[0], [.. positional.Skip(1)], arguments.Value(KindOption) ?? LockerKind.Classroom, compartments, ssid, arguments.Value(PasswordOption) ?? string.Empty, host, port, string.Empty, TimeSpan.FromHours(hours)),
            ca,
            output);
        return true;
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(IServiceProvider services, Request request, CancellationToken cancellationToken)
    {
        if (!File.Exists(request.CaPath))
        {
            await Console.Error.WriteLineAsync($"No certificate authority file {request.CaPath} (the ca.crt written by mosquitto-config).");
            return Failure;
        }

        SetupSheetRequest sheet = request.Sheet with { BrokerCaPem = await File.ReadAllTextAsync(request.CaPath, cancellationToken) };
        try
        {
            IReadOnlyList<IssuedSetupBundle> bundles = await services.GetRequiredService<SetupBundleIssuer>().IssueAsync(sheet, "command-line", "-", cancellationToken);
            string styleSheet;
            using (var reader = new StreamReader(services.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo(SetupSheet.StyleSheetPath).CreateReadStream()))
            {
                styleSheet = await reader.ReadToEndAsync(cancellationToken);
            }

            await File.WriteAllTextAsync(request.OutputPath, SetupSheet.RenderStandalone(sheet.School, sheet.WifiSsid, bundles, styleSheet), cancellationToken);
            Console.WriteLine($"{bundles.Count} setup bundles written to {request.OutputPath}, valid until {bundles[0].ExpiresUtc:yyyy-MM-dd HH:mm} UTC. Print it, keep it like a key, shred it when done.");
            return Success;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return Failure;
        }
    }

    private static bool TryNumber(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, CultureInfo.InvariantCulture, out value) && value > 0);
    }

    /// <summary>What to issue and where to write it.</summary>
    /// <param name="Sheet">The batch (the CA is read from <paramref name="CaPath"/>).</param>
    /// <param name="CaPath">The broker's ca.crt.</param>
    /// <param name="OutputPath">Where the sheet goes.</param>
    public sealed record Request(SetupSheetRequest Sheet, string CaPath, string OutputPath);
}
