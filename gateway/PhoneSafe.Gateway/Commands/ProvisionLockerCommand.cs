using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// <c>provision-locker &lt;school&gt; &lt;locker&gt; [classroom|office] [compartments]</c>: registers a locker (a
/// classroom unit of 8 compartments unless told; its school on first use) and prints the keys and broker account to
/// load into it. Running it again prints the same keys.
/// </summary>
public sealed class ProvisionLockerCommand : GatewayCommand<ProvisionLockerCommand.Request>
{
    private const int DefaultCompartments = 8;

    /// <inheritdoc/>
    public override string Verb => "provision-locker";

    /// <inheritdoc/>
    public override string Usage => "usage: provision-locker <school> <locker> [classroom|office] [compartments 1-16]   (identifiers: 1-32 of a-z, 0-9, '-')";

    /// <inheritdoc/>
    protected override bool TryRead(CommandArguments arguments, [NotNullWhen(true)] out Request? request)
    {
        request = null;
        IReadOnlyList<string> positional = arguments.Positional;
        string kind = positional.Count > 2 ? positional[2] : LockerKind.Classroom;
        int compartments = DefaultCompartments;
        if (positional.Count < 2 || !Identifiers.IsValid(positional[0]) || !Identifiers.IsValid(positional[1]) || !LockerKind.IsKnown(kind)
            || (positional.Count > 3 && (!int.TryParse(positional[3], CultureInfo.InvariantCulture, out compartments) || compartments is < 1 or > LockerLimits.MaxCompartments)))
        {
            return false;
        }

        request = new Request(positional[0], positional[1], kind, compartments);
        return true;
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(IServiceProvider services, Request request, CancellationToken cancellationToken)
    {
        (byte[] deviceKey, byte[] credentialKey) = await services.GetRequiredService<LockerDirectory>().ProvisionAsync(request.School, request.Locker, cancellationToken);
        await services.GetRequiredService<LockerRegistryStore>().RegisterAsync(request.School, request.Locker, request.Kind, request.Compartments, cancellationToken);
        Console.WriteLine($"school={request.School}");
        Console.WriteLine($"device={request.Locker}");
        Console.WriteLine($"deviceKey={Hex.Encode(deviceKey)}");
        Console.WriteLine($"credentialKey={Hex.Encode(credentialKey)}");
        Console.WriteLine($"mqttUser={BrokerAccount.UserName(request.School, request.Locker)}");
        Console.WriteLine($"mqttPassword={BrokerAccount.Password(deviceKey)}");
        return Success;
    }

    /// <summary>The locker to register.</summary>
    /// <param name="School">School identifier.</param>
    /// <param name="Locker">Locker identifier.</param>
    /// <param name="Kind">classroom or office.</param>
    /// <param name="Compartments">Number of compartments, 1 to 16 (the controller board's maximum).</param>
    public sealed record Request(string School, string Locker, string Kind, int Compartments);
}
