using System.Security.Claims;
using Microsoft.Extensions.Options;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Sends signed commands to lockers, the one way the web pages and the API drive a locker: checks who may send what
/// and to which unit, records the command (state sent, short expiry), then signs it with the locker's key and
/// publishes it. The locker's result settles it (<see cref="LockerCommandStore.RecordResultAsync"/>).
/// </summary>
/// <param name="store">Commands and their state.</param>
/// <param name="registry">Registered units.</param>
/// <param name="people">Pupils and the issuer's card.</param>
/// <param name="dashboard">Pupil phones held at office units (for a release).</param>
/// <param name="keys">Device keys.</param>
/// <param name="bus">The broker.</param>
/// <param name="options">Command lifetime.</param>
/// <param name="time">The clock.</param>
public sealed class LockerCommands(
    LockerCommandStore store,
    LockerRegistryStore registry,
    PeopleStore people,
    DashboardStore dashboard,
    ILockerKeys keys,
    ILockerBus bus,
    IOptions<LockerCommandOptions> options,
    TimeProvider time)
{
    /// <summary>The longest reason accepted, in characters.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Tells whether a user may send a command: unlock and clear are SLT's and the IT technician's; identify and
    /// enrol the IT technician's; intake and release the office's (and SLT's and the IT technician's).
    /// </summary>
    /// <param name="user">The signed-in user.</param>
    /// <param name="command">A <see cref="CommandName"/> value.</param>
    /// <returns>true when allowed.</returns>
    public static bool MayIssue(ClaimsPrincipal user, string? command) => command switch
    {
        CommandName.Unlock or CommandName.Clear => user.IsInRole(UserRoles.Slt) || user.IsInRole(UserRoles.Admin),
        CommandName.Identify or CommandName.Enrol => user.IsInRole(UserRoles.Admin),
        CommandName.Intake or CommandName.Release => user.IsInRole(UserRoles.Office) || user.IsInRole(UserRoles.Slt) || user.IsInRole(UserRoles.Admin),
        _ => false,
    };

    /// <summary>
    /// Checks, records and publishes a command.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="request">What to send.</param>
    /// <param name="user">Who sends it (roles; user name and linked person for the record).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome.</returns>
    public async Task<CommandOutcome> SendAsync(string school, string locker, SendCommandRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        string command = request.Command ?? string.Empty;
        if (!CommandName.IsKnown(command))
        {
            return CommandOutcome.Refused(StatusCodes.Status400BadRequest, "command must be unlock, clear, identify, enrol, intake or release");
        }

        if (!MayIssue(user, command))
        {
            return CommandOutcome.Refused(StatusCodes.Status403Forbidden, $"your role may not send {command}");
        }

        (string Locker, string Kind, int Compartments) unit = (await registry.ListUnitsAsync(school, cancellationToken)).FirstOrDefault(u => u.Locker == locker);
        byte[]? key = keys.GetDeviceKey(school, locker);
        if (unit.Locker is null || key is null)
        {
            return CommandOutcome.Refused(StatusCodes.Status404NotFound, $"no registered locker {locker}");
        }

        string? reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (reason?.Length > MaxReasonLength)
        {
            return CommandOutcome.Refused(StatusCodes.Status400BadRequest, $"the reason is at most {MaxReasonLength} characters");
        }

        var target = new Target(request.Compartment ?? 0, null, string.Empty);
        if (target.Compartment < 0 || target.Compartment > unit.Compartments)
        {
            return CommandOutcome.Refused(StatusCodes.Status400BadRequest, $"compartment must be 1 to {unit.Compartments}");
        }

        switch (command)
        {
            case CommandName.Unlock or CommandName.Clear when target.Compartment == 0:
                return CommandOutcome.Refused(StatusCodes.Status400BadRequest, $"choose the compartment, 1 to {unit.Compartments}");
            case CommandName.Unlock or CommandName.Clear when reason is null:
                return CommandOutcome.Refused(StatusCodes.Status400BadRequest, $"say why ({command} is recorded with its reason)");
            case CommandName.Intake or CommandName.Release when unit.Kind != LockerKind.Office:
                return CommandOutcome.Refused(StatusCodes.Status400BadRequest, $"{command} is for office units; {locker} is a {unit.Kind} unit");
            case CommandName.Intake or CommandName.Release:
                (CommandOutcome? refused, target) = await FindPupilAsync(school, locker, command, request.PersonId, target.Compartment, cancellationToken);
                if (refused is not null)
                {
                    return refused;
                }

                break;
            case CommandName.Identify or CommandName.Enrol:
                target = target with { Compartment = 0 };
                break;
        }

        return await IssueAsync(school, locker, key, command, target, reason, user, cancellationToken);
    }

    /// <summary>
    /// Sends a clear that also empties the compartment of the phone recorded inside (the gateway recorded it as taken
    /// out without the locker), so the locker takes it as free. SLT and Admin.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="compartment">The compartment.</param>
    /// <param name="occupant">Credential hash of the phone the locker holds there.</param>
    /// <param name="reason">Why.</param>
    /// <param name="user">Who sends it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome.</returns>
    public async Task<CommandOutcome> SendEmptyingClearAsync(string school, string locker, int compartment, string occupant, string reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!MayIssue(user, CommandName.Clear))
        {
            return CommandOutcome.Refused(StatusCodes.Status403Forbidden, $"your role may not send {CommandName.Clear}");
        }

        byte[]? key = keys.GetDeviceKey(school, locker);
        return key is null
            ? CommandOutcome.Refused(StatusCodes.Status404NotFound, $"no registered locker {locker}")
            : await IssueAsync(school, locker, key, CommandName.Clear, new Target(compartment, null, occupant), reason, user, cancellationToken);
    }

    private async Task<CommandOutcome> IssueAsync(string school, string locker, byte[] key, string command, Target target, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!bus.IsConnected)
        {
            return CommandOutcome.Refused(StatusCodes.Status503ServiceUnavailable, "the gateway is not connected to the broker; nothing was sent");
        }

        // The expiry is in whole seconds, as the message carries it, so gateway and locker agree on it.
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset wholeSecond = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var record = new LockerCommandRecord(
            Guid.NewGuid().ToString("N"), school, locker, command, target.Compartment, target.PersonId, reason, user.Identity?.Name ?? "-",
            now, wholeSecond.AddSeconds(options.Value.LifetimeSeconds), CommandStates.Sent, null, null);
        var signed = new LockerCommand
        {
            Id = record.Id,
            Name = command,
            Compartment = record.Compartment,
            Credential = await IssuerCredentialAsync(school, user, cancellationToken),
            Subject = target.Subject,
            ExpiresUtc = record.ExpiresUtc.UtcDateTime,
        };

        // Recorded first, so the locker's result always finds its command.
        await store.AddAsync(record, cancellationToken);
        await bus.PublishAsync(Topics.For(school, locker, TopicKind.Command), CommandCodec.Encode(locker, signed, key), false, cancellationToken);
        return new CommandOutcome(record);
    }

    private async Task<(CommandOutcome? Refused, Target Target)> FindPupilAsync(string school, string locker, string command, string? personId, int compartment, CancellationToken cancellationToken)
    {
        var none = new Target(compartment, null, string.Empty);
        Person? pupil = string.IsNullOrWhiteSpace(personId) ? null : await people.FindAsync(school, personId.Trim(), cancellationToken);
        if (pupil is not { Kind: PersonKind.Pupil })
        {
            return (CommandOutcome.Refused(StatusCodes.Status404NotFound, "choose a pupil"), none);
        }

        IReadOnlyList<CredentialInfo> cards = await people.ListCredentialsAsync(school, pupil.PersonId, cancellationToken);
        if (command == CommandName.Intake)
        {
            CredentialInfo? card = cards.LastOrDefault(c => c.RevokedUtc is null);
            return card is null || !pupil.Active
                ? (CommandOutcome.Refused(StatusCodes.Status409Conflict, $"{pupil.DisplayName} has no card to take the phone in under"), none)
                : (null, new Target(compartment, pupil.PersonId, card.Credential));
        }

        // A release opens whichever compartment holds the pupil's phone, whichever of their cards it went in with.
        OfficeHolding? held = (await dashboard.GetOfficeHoldingsAsync(school, cancellationToken))
            .FirstOrDefault(h => h.Locker == locker && cards.Any(c => c.Credential == h.PupilCredential));
        return held is null
            ? (CommandOutcome.Refused(StatusCodes.Status409Conflict, $"no phone of {pupil.DisplayName} is held at {locker}"), none)
            : (null, new Target(held.Compartment, pupil.PersonId, held.PupilCredential));
    }

    private async Task<string> IssuerCredentialAsync(string school, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // The issuer's own card when the account is linked to a person, so the locker's events name them as a badge would.
        string? personId = user.FindFirst(Security.GatewayClaims.PersonId)?.Value;
        if (string.IsNullOrEmpty(personId))
        {
            return string.Empty;
        }

        return (await people.ListCredentialsAsync(school, personId, cancellationToken)).LastOrDefault(c => c.RevokedUtc is null)?.Credential ?? string.Empty;
    }

    private sealed record Target(int Compartment, string? PersonId, string Subject);
}
