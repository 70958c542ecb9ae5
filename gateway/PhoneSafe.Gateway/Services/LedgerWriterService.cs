using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MQTTnet.Exceptions;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Takes messages from the ingest queue in batches, verifies them, commits each batch in one transaction
/// (group commit) and only then acknowledges to each locker the highest sequence stored without a gap. Command
/// results in a batch settle their commands once the batch is committed.
/// </summary>
/// <param name="queue">Messages from the broker.</param>
/// <param name="verifier">Checks each message.</param>
/// <param name="store">The ledger.</param>
/// <param name="bus">Publishes acknowledgements.</param>
/// <param name="keys">Device keys for signing acknowledgements.</param>
/// <param name="commands">Where command results are recorded.</param>
/// <param name="firmware">Answers firmware progress reports.</param>
/// <param name="counters">Ingest counters.</param>
/// <param name="live">Tells open dashboard pages about new custody.</param>
/// <param name="status">Whether commits are failing, for /health.</param>
/// <param name="options">Batch size.</param>
/// <param name="time">The clock (the quarantine warnings are sampled).</param>
/// <param name="logger">Logger.</param>
public sealed class LedgerWriterService(
    IngestQueue queue,
    MessageVerifier verifier,
    ILedgerStore store,
    ILockerBus bus,
    ILockerKeys keys,
    LockerCommandStore commands,
    FirmwareRollouts firmware,
    IngestCounters counters,
    LiveUpdates live,
    LedgerWriterStatus status,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<LedgerWriterService> logger) : BackgroundService
{
    private readonly WarningSampler _quarantineWarnings = new(time);

    /// <summary>
    /// Acknowledgements handed to the connection at once. They go with QoS 0 (<see cref="ILockerBus.PublishSupersedableAsync"/>):
    /// with QoS 1 each waited for a PUBACK queued behind thousands of incoming events, so in a reconnect storm acks
    /// trickled out (~50/s), lockers saw no progress for 30 s and resent their journals. A lost ack costs a resend
    /// that is stored as a duplicate and acknowledged again; nothing is ever acknowledged before its commit.
    /// </summary>
    public const int AcksInFlight = 64;

    // Acknowledgements owed after commits and not yet published (cumulative: per locker only the highest point).
    private readonly AckSchedule _acks = new();
    private readonly Channel<bool> _ackSignal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Acknowledging runs beside committing: batch N+1 is verified and committed while batch N's acks are on the
        // wire. An ack point is owed (Owe) only after its transaction committed, so nothing is acknowledged early.
        Task acking = AcknowledgeLoopAsync(stoppingToken);
        int maxBatch = options.Value.MaxBatchSize;
        var batch = new List<VerifiedMessage>(maxBatch);
        try
        {
            while (await queue.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < maxBatch && queue.TryRead(out IncomingMessage? message))
                {
                    VerifiedMessage verdict = verifier.Verify(message);
                    if (verdict.Reason == RejectReason.UnknownDevice)
                    {
                        // Rare: a locker registered through another instance; look its key up in the database.
                        verdict = await verifier.VerifyAsync(message, stoppingToken);
                    }

                    batch.Add(verdict);
                }

                await CommitWithRetryAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Messages still queued were not acknowledged to the broker's clients, so lockers resend them.
        }
        finally
        {
            _ackSignal.Writer.TryComplete();
            try
            {
                await acking;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Owed acks not sent: the lockers resend those events and get them acknowledged as duplicates.
            }
        }
    }

    private async Task CommitWithRetryAsync(List<VerifiedMessage> batch, CancellationToken stoppingToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                CommitResult result = await store.CommitAsync(batch, stoppingToken);
                status.Succeeded();
                counters.CountBatch(result.Stored, result.Duplicates, result.RejectedReasons);
                foreach (string reason in result.RejectedReasons)
                {
                    // Every message is counted (/api/ingest) and kept (/api/quarantine); the log gets a sample.
                    if (_quarantineWarnings.ShouldLog(reason, out long heldBack))
                    {
                        logger.LogWarning("Quarantined a message: {Reason} ({HeldBack} more since the last warning)", reason, heldBack);
                    }
                }

                Owe(result.Acks);
                if (result.Stored > 0)
                {
                    live.Publish("custody");
                }

                if (await RecordResultsAsync(batch, stoppingToken) | batch.Any(m => m.Disposition == MessageDisposition.Status))
                {
                    live.Publish("lockers");
                }

                return;
            }
            catch (DbException ex)
            {
                // Disk full, locked or failing: keep the batch (nothing was acknowledged) and try again.
                status.Failed(ex switch
                {
                    Microsoft.Data.Sqlite.SqliteException sqlite => FormattableString.Invariant($"SQLite error {sqlite.SqliteErrorCode}"),
                    { SqlState: { } state } => "SQLSTATE " + state,
                    _ => ex.GetType().Name,
                });
                logger.LogError(ex, "Ledger commit failed (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not the database: a defect. Stopping the host would stop the dashboards too and, since the batch was
                // not acknowledged, crash again on the same messages after a restart; keep the batch, report on
                // /health and in the log, and try again.
                status.Failed(ex.GetType().Name);
                logger.LogCritical(ex, "Ledger commit failed unexpectedly (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), stoppingToken);
            }
        }
    }

    private async Task<bool> RecordResultsAsync(List<VerifiedMessage> batch, CancellationToken stoppingToken)
    {
        bool any = false;
        foreach (VerifiedMessage message in batch)
        {
            if (message is { Disposition: MessageDisposition.CommandResult, Result: { } result })
            {
                // A result for no command of this locker (forged id, or another locker's) settles nothing.
                any |= await commands.RecordResultAsync(message.School!, message.Locker!, result, message.Message.ReceivedUtc, stoppingToken);
            }
            else if (message is { Disposition: MessageDisposition.UpdateProgress, Progress: { } progress })
            {
                await firmware.HandleProgressAsync(message.School!, message.Locker!, progress, stoppingToken);
                any = true;
            }
        }

        return any;
    }

    private void Owe(IReadOnlyList<AckPoint> acks)
    {
        if (acks.Count == 0)
        {
            return;
        }

        _acks.Owe(acks);
        _ackSignal.Writer.TryWrite(true);
    }

    private async Task AcknowledgeLoopAsync(CancellationToken stoppingToken)
    {
        var round = new List<AckPoint>();
        var sends = new List<Task>();
        Task<bool> signalled = _ackSignal.Reader.WaitToReadAsync(stoppingToken).AsTask();
        TimeSpan? held = null;
        while (true)
        {
            // Wake on a commit, or when an acknowledgement held back under fan-in is due.
            await (held is { } delay ? Task.WhenAny(signalled, Task.Delay(delay, stoppingToken)) : (Task)signalled);
            stoppingToken.ThrowIfCancellationRequested();
            if (signalled.IsCompleted)
            {
                if (!await signalled)
                {
                    return;
                }

                _ackSignal.Reader.TryRead(out _);
                signalled = _ackSignal.Reader.WaitToReadAsync(stoppingToken).AsTask();
            }

            held = _acks.TakeDue(Environment.TickCount64, round);

            // One round at a time, AcksInFlight publishes at once: each locker has at most one ack in flight, so the
            // points it receives never go backwards.
            for (int start = 0; start < round.Count; start += AcksInFlight)
            {
                sends.Clear();
                for (int i = start; i < Math.Min(round.Count, start + AcksInFlight); i++)
                {
                    sends.Add(AcknowledgeAsync(round[i], stoppingToken));
                }

                await Task.WhenAll(sends);
            }
        }
    }

    private async Task AcknowledgeAsync(AckPoint ack, CancellationToken stoppingToken)
    {
        byte[]? key = keys.GetDeviceKey(ack.School, ack.Locker);
        if (key is null || ack.Sequence < 1)
        {
            return;
        }

        try
        {
            await bus.PublishSupersedableAsync(Topics.For(ack.School, ack.Locker, TopicKind.Ack), AckCodec.Encode(ack.Locker, ack.Sequence, key), stoppingToken);
            counters.CountAck();
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException)
        {
            // The locker resends unacknowledged events; the next batch acknowledges them again.
            logger.LogWarning("Could not acknowledge {School}/{Locker} up to {Sequence}: {Reason}", ack.School, ack.Locker, ack.Sequence, ex.Message);
        }
    }
}
