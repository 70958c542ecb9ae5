using System.Diagnostics.CodeAnalysis;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// <c>revoke-locker &lt;school&gt; &lt;locker&gt;</c>: shuts a lost or stolen locker out for good. The embedded broker
/// refuses its account from its next connection, and the running gateway closes a connection already open and refuses
/// its messages within <see cref="Options.IngestOptions.RevocationCheckSeconds"/>; with Mosquitto, rerun
/// <c>mosquitto-config</c> (the account leaves the password file).
/// </summary>
public sealed class RevokeLockerCommand : GatewayCommand<RevokeLockerCommand.Request>
{
    /// <inheritdoc/>
    public override string Verb => "revoke-locker";

    /// <inheritdoc/>
    public override string Usage => "usage: revoke-locker <school> <locker>";

    /// <inheritdoc/>
    protected override bool TryRead(CommandArguments arguments, [NotNullWhen(true)] out Request? request)
    {
        IReadOnlyList<string> positional = arguments.Positional;
        request = positional.Count == 2 && Identifiers.IsValid(positional[0]) && Identifiers.IsValid(positional[1]) ? new Request(positional[0], positional[1]) : null;
        return request is not null;
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(IServiceProvider services, Request request, CancellationToken cancellationToken)
    {
        if (!await services.GetRequiredService<LockerDirectory>().RevokeAsync(request.School, request.Locker, cancellationToken))
        {
            await Console.Error.WriteLineAsync($"{request.School}/{request.Locker} is not a registered locker, or was revoked already");
            return Failure;
        }

        Console.WriteLine($"revoked {request.School}/{request.Locker}: its broker account {BrokerAccount.UserName(request.School, request.Locker)} is refused from its next connection; the running gateway closes an open connection and refuses its messages within half a minute (with Mosquitto: rerun mosquitto-config)");
        return Success;
    }

    /// <summary>The locker to revoke.</summary>
    /// <param name="School">School identifier.</param>
    /// <param name="Locker">Locker identifier.</param>
    public sealed record Request(string School, string Locker);
}
