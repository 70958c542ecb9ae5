using System.Data.Common;
using Microsoft.Extensions.Options;
using MQTTnet.Exceptions;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Takes messages from the ingest queue in batches, verifies them, commits each batch in one transaction
/// (group commit) and only then acknowledges to each locker the highest sequence stored without a gap.
/// </summary>
/// <param name="queue">Messages from the broker.</param>
/// <param name="verifier">Checks each message.</param>
/// <param name="store">The ledger.</param>
/// <param name="bus">Publishes acknowledgements.</param>
/// <param name="keys">Device keys for signing acknowledgements.</param>
/// <param name="counters">Ingest counters.</param>
/// <param name="live">Tells open dashboard pages about new custody.</param>
/// <param name="status">Whether commits are failing, for /health.</param>
/// <param name="options">Batch size.</param>
/// <param name="logger">Logger.</param>
public sealed class LedgerWriterService(
    IngestQueue queue,
    MessageVerifier verifier,
    ILedgerStore store,
    ILockerBus bus,
    ILockerKeys keys,
    IngestCounters counters,
    LiveUpdates live,
    LedgerWriterStatus status,
    IOptions<StorageOptions> options,
    ILogger<LedgerWriterService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int maxBatch = options.Value.MaxBatchSize;
        var batch = new List<VerifiedMessage>(maxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < maxBatch && queue.Reader.TryRead(out IncomingMessage? message))
                {
                    batch.Add(await verifier.VerifyAsync(message, stoppingToken));
                }

                await CommitWithRetryAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Messages still queued were not acknowledged to the broker's clients, so lockers resend them.
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
                    logger.LogWarning("Quarantined a message: {Reason}", reason);
                }

                await AcknowledgeAsync(result.Acks, stoppingToken);
                if (result.Stored > 0)
                {
                    live.Publish("custody");
                }

                if (batch.Any(m => m.Disposition == MessageDisposition.Status))
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
        }
    }

    private async Task AcknowledgeAsync(IReadOnlyList<AckPoint> acks, CancellationToken stoppingToken)
    {
        foreach (AckPoint ack in acks)
        {
            byte[]? key = keys.GetDeviceKey(ack.School, ack.Locker);
            if (key is null || ack.Sequence < 1)
            {
                continue;
            }

            try
            {
                await bus.PublishAsync(Topics.For(ack.School, ack.Locker, TopicKind.Ack), AckCodec.Encode(ack.Locker, ack.Sequence, key), false, stoppingToken);
                counters.CountAck();
            }
            catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException)
            {
                // The locker resends unacknowledged events; the next batch acknowledges them again.
                logger.LogWarning("Could not acknowledge {School}/{Locker} up to {Sequence}: {Reason}", ack.School, ack.Locker, ack.Sequence, ex.Message);
            }
        }
    }
}
