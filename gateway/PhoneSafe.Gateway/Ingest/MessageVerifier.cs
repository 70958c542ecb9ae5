using System.Text;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Gateway.Ingest;

/// <summary>
/// Checks topic, size, JSON, version, device, HMAC and fields of each incoming message with the firmware
/// core's own codec, so device and gateway read the protocol through one implementation.
/// </summary>
/// <param name="keys">Registered locker keys.</param>
public sealed class MessageVerifier(ILockerKeys keys)
{
    /// <summary>
    /// Verifies one message; when its locker is unknown, asks the key directory to look for it in the database once
    /// (a locker registered through another gateway instance) and verifies again. Never throws on bad input, nor when
    /// that look-up fails.
    /// </summary>
    /// <param name="message">The message as received.</param>
    /// <param name="cancellationToken">Cancels the database look-up.</param>
    /// <returns>The verdict.</returns>
    public async Task<VerifiedMessage> VerifyAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        VerifiedMessage verdict = Verify(message);
        if (verdict.Reason == RejectReason.UnknownDevice && verdict.School is { } school && verdict.Locker is { } locker
            && await TryRefreshAsync(school, locker, cancellationToken))
        {
            verdict = Verify(message);
        }

        return verdict;
    }

    private async Task<bool> TryRefreshAsync(string school, string locker, CancellationToken cancellationToken)
    {
        try
        {
            return await keys.RefreshAsync(school, locker, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // The database is unavailable for the look-up: the message stays an unknown device's (quarantined, not
            // acknowledged, so a genuine locker resends it) rather than stopping the ledger writer.
            return false;
        }
    }

    /// <summary>
    /// Verifies one message against the keys already loaded. Never throws on bad input.
    /// </summary>
    /// <param name="message">The message as received.</param>
    /// <returns>The verdict.</returns>
    public VerifiedMessage Verify(IncomingMessage message)
    {
        if (!Topics.TryParse(message.Topic, out string school, out string locker, out string kind))
        {
            return new VerifiedMessage(message, MessageDisposition.Rejected, Reason: RejectReason.BadTopic);
        }

        byte[]? key = keys.GetDeviceKey(school, locker);
        if (key is null)
        {
            return new VerifiedMessage(message, MessageDisposition.Rejected, school, locker, Reason: RejectReason.UnknownDevice);
        }

        if (kind == TopicKind.Status)
        {
            string status = message.Payload.Length <= 16 ? Encoding.UTF8.GetString(message.Payload) : string.Empty;
            return status is Topics.Online or Topics.Offline
                ? new VerifiedMessage(message, MessageDisposition.Status, school, locker, Reason: status)
                : new VerifiedMessage(message, MessageDisposition.Rejected, school, locker, Reason: RejectReason.Malformed);
        }

        if (kind == TopicKind.Result)
        {
            return ResultCodec.TryDecode(message.Payload, locker, key, out CommandResult result, out string refusal)
                ? new VerifiedMessage(message, MessageDisposition.CommandResult, school, locker, Result: result)
                : new VerifiedMessage(message, MessageDisposition.Rejected, school, locker, Reason: refusal);
        }

        if (kind == TopicKind.Progress)
        {
            return ProgressCodec.TryDecode(message.Payload, locker, key, out UpdateProgress progress, out string refusal)
                ? new VerifiedMessage(message, MessageDisposition.UpdateProgress, school, locker, Progress: progress)
                : new VerifiedMessage(message, MessageDisposition.Rejected, school, locker, Reason: refusal);
        }

        if (kind != TopicKind.Events)
        {
            return new VerifiedMessage(message, MessageDisposition.Rejected, school, locker, Reason: RejectReason.BadTopic);
        }

        return EventCodec.TryDecode(message.Payload, locker, key, out LockerEvent lockerEvent, out string reason)
            ? new VerifiedMessage(message, MessageDisposition.Event, school, locker, lockerEvent)
            : new VerifiedMessage(message, MessageDisposition.Rejected, school, locker, lockerEvent, reason);
    }
}
