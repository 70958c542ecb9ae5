using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// <c>verify-ledger [school] [--device-tags]</c>: recomputes the ledger's hash chains (and with --device-tags each
/// event's device tag with its locker's key) and prints OK with counts (exit 0) or the first broken link (exit 1).
/// </summary>
public sealed class VerifyLedgerCommand : GatewayCommand<VerifyLedgerCommand.Request>
{
    private const string DeviceTagsSwitch = "--device-tags";

    /// <inheritdoc/>
    public override string Verb => "verify-ledger";

    /// <inheritdoc/>
    public override string Usage => "usage: verify-ledger [school] [--device-tags]";

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Switches => [DeviceTagsSwitch];

    /// <inheritdoc/>
    protected override bool TryRead(CommandArguments arguments, [NotNullWhen(true)] out Request? request)
    {
        request = new Request(arguments.Positional.Count > 0 ? arguments.Positional[0] : null, arguments.Has(DeviceTagsSwitch));
        return true;
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(IServiceProvider services, Request request, CancellationToken cancellationToken)
    {
        Console.WriteLine($"ledger: {services.GetRequiredService<IDatabase>().Location}");
        LedgerVerification result = await services.GetRequiredService<LedgerVerifier>().VerifyAsync(request.School, request.DeviceTags, cancellationToken);
        foreach (LedgerHead head in result.Heads)
        {
            Console.WriteLine($"head {head.School} {head.Length} {head.Hash ?? "-"}");
        }

        if (result.FirstBreak is { } broken)
        {
            Console.WriteLine($"BROKEN school={broken.School} index={broken.ChainIndex} id={broken.Id?.ToString(CultureInfo.InvariantCulture) ?? "-"} locker={broken.Locker ?? "-"} seq={broken.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "-"}: {broken.Reason}");
            return Failure;
        }

        Console.WriteLine($"OK {result.Schools} schools, {result.Events} events{(result.DeviceTagsChecked ? " (device tags checked)" : string.Empty)}, {result.Checkpoints} checkpoints");
        return Success;
    }

    /// <summary>What verify-ledger was asked to check.</summary>
    /// <param name="School">One school, or null for every school.</param>
    /// <param name="DeviceTags">Re-check each event's device tag too.</param>
    public sealed record Request(string? School, bool DeviceTags);
}
