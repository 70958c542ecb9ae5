using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Broker;
using PhoneSafe.Gateway.Services;
using PhoneSafe.Simulator.Provisioning;

namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// <c>export-simulation &lt;school&gt; &lt;file&gt; [--enrol-simulated-cards] [--broker-ca ca.crt --broker host[:port]]</c>:
/// writes the locker simulator's provisioning file (registered lockers with their device keys, the credential key,
/// people with simulated cards), with a secured broker when told. For demonstration and test schools only.
/// </summary>
public sealed class ExportSimulationCommand : GatewayCommand<ExportSimulationCommand.Request>
{
    /// <summary>The switch that first enrols simulated cards for people without a card.</summary>
    public const string EnrolSimulatedCardsSwitch = "--enrol-simulated-cards";

    private const string BrokerCaOption = "--broker-ca";
    private const string BrokerOption = "--broker";

    /// <inheritdoc/>
    public override string Verb => "export-simulation";

    /// <inheritdoc/>
    public override string Usage => "usage: export-simulation <school> <file> [--enrol-simulated-cards] [--broker-ca <ca.crt> --broker <host>[:8883]]   (test and demo schools only: the file holds the lockers' keys)";

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Switches => [EnrolSimulatedCardsSwitch];

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Options => [BrokerCaOption, BrokerOption];

    /// <inheritdoc/>
    protected override bool TryRead(CommandArguments arguments, [NotNullWhen(true)] out Request? request)
    {
        request = null;
        IReadOnlyList<string> positional = arguments.Positional;
        string? brokerCa = arguments.Value(BrokerCaOption);
        string? broker = arguments.Value(BrokerOption);
        (string Host, int Port)? secured = brokerCa is null ? null : ParseBroker(broker);
        if (positional.Count != 2 || !Identifiers.IsValid(positional[0]) || (brokerCa is not null && secured is null) || (broker is not null && brokerCa is null))
        {
            return false;
        }

        request = new Request(positional[0], positional[1], arguments.Has(EnrolSimulatedCardsSwitch), brokerCa, secured?.Host, secured?.Port ?? 0);
        return true;
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(IServiceProvider services, Request request, CancellationToken cancellationToken)
    {
        var setup = services.GetRequiredService<SimulatedSchoolSetup>();
        if (request.EnrolSimulatedCards)
        {
            Console.WriteLine($"enrolled {await setup.EnrolSimulatedCardsAsync(request.School, cancellationToken)} simulated cards");
        }

        try
        {
            SimulationFile file = await setup.ExportAsync(request.School, cancellationToken);
            if (request.BrokerCaPath is not null)
            {
                string pem = await File.ReadAllTextAsync(request.BrokerCaPath, cancellationToken);
                using var check = X509Certificate2.CreateFromPem(pem); // refuses what is not a certificate
                file = file with { Broker = new SimulatedBroker(request.BrokerHost!, request.BrokerPort, pem) };
            }

            file.Save(request.File);
            Console.WriteLine($"wrote {request.File}: {file.Lockers.Count} lockers, {file.People.Count} people with simulated cards");
            return Success;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return Failure;
        }
    }

    private static (string Host, int Port)? ParseBroker(string? broker)
    {
        if (string.IsNullOrEmpty(broker))
        {
            return null;
        }

        int colon = broker.LastIndexOf(':');
        if (colon < 0)
        {
            return (broker, MosquittoSetupOptions.DefaultPort);
        }

        return int.TryParse(broker[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536 && colon > 0
            ? (broker[..colon], port)
            : null;
    }

    /// <summary>What to export, and where.</summary>
    /// <param name="School">School identifier.</param>
    /// <param name="File">The provisioning file to write.</param>
    /// <param name="EnrolSimulatedCards">true to enrol simulated cards for people without a card first.</param>
    /// <param name="BrokerCaPath">PEM of the secured broker's certificate authority, or null for a plain broker.</param>
    /// <param name="BrokerHost">The secured broker's host name (with <paramref name="BrokerCaPath"/>).</param>
    /// <param name="BrokerPort">The secured broker's port (with <paramref name="BrokerCaPath"/>).</param>
    public sealed record Request(string School, string File, bool EnrolSimulatedCards, string? BrokerCaPath, string? BrokerHost, int BrokerPort);
}
