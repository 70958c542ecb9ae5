using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// A message after verification: an event, a status, a command result, an update progress report, or a rejection with its reason.
/// </summary>
/// <param name="Message">The message as received.</param>
/// <param name="Disposition">What it is.</param>
/// <param name="School">School from the topic, when the topic was valid.</param>
/// <param name="Locker">Locker from the topic, when the topic was valid.</param>
/// <param name="Event">The decoded event, for <see cref="MessageDisposition.Event"/>.</param>
/// <param name="Reason">A <see cref="RejectReason"/> word, for <see cref="MessageDisposition.Rejected"/>.</param>
/// <param name="Result">The decoded result, for <see cref="MessageDisposition.CommandResult"/>.</param>
/// <param name="Progress">The decoded report, for <see cref="MessageDisposition.UpdateProgress"/>.</param>
public sealed record VerifiedMessage(
    IncomingMessage Message,
    MessageDisposition Disposition,
    string? School = null,
    string? Locker = null,
    LockerEvent? Event = null,
    string? Reason = null,
    CommandResult? Result = null,
    UpdateProgress? Progress = null);
