using System.Data.Common;
using MQTTnet.Exceptions;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Publishing;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Keeps every registered locker's retained configuration current: sends them all once connected at start-up,
/// rebuilds a school's when asked (<see cref="LockerConfigPublisher.RequestPublish"/>), and rebuilds all of them
/// every <see cref="LockerConfigOptions.RefreshMinutes"/>, and again just after a school's clocks change (so the UTC
/// offset in its lockers' configuration is right within seconds). A school whose publication failed is tried again,
/// forced, a few seconds later. Calendar edits ask for a rebuild through the publisher.
/// </summary>
/// <param name="publisher">Builds and sends configurations.</param>
/// <param name="registry">Lists the schools with lockers.</param>
/// <param name="bus">The broker connection.</param>
/// <param name="contactWindows">The schools' time zones (clock changes).</param>
/// <param name="options">Refresh interval.</param>
/// <param name="time">The clock for waits.</param>
/// <param name="logger">Logger.</param>
public sealed class LockerConfigService(
    LockerConfigPublisher publisher,
    LockerRegistryStore registry,
    ILockerBus bus,
    IContactWindows contactWindows,
    IOptions<LockerConfigOptions> options,
    TimeProvider time,
    ILogger<LockerConfigService> logger) : BackgroundService
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!bus.IsConnected)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, stoppingToken);
            }

            var failed = new HashSet<string>(StringComparer.Ordinal);
            foreach (string school in await registry.ListSchoolsAsync(stoppingToken))
            {
                await TryPublishAsync(school, force: true, failed, stoppingToken);
            }

            TimeSpan refresh = TimeSpan.FromMinutes(Math.Max(1, options.Value.RefreshMinutes));
            DateTimeOffset nextRefresh = await NextRefreshAsync(refresh, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait = failed.Count > 0 ? s_retryDelay : nextRefresh - time.GetUtcNow();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                var due = new HashSet<string>(StringComparer.Ordinal);
                try
                {
                    await publisher.Requests.WaitToReadAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Timer: retry failures, or refresh everything.
                }

                while (publisher.Requests.TryRead(out string? school))
                {
                    due.Add(school);
                }

                var retry = new HashSet<string>(failed, StringComparer.Ordinal);
                failed.Clear();
                if (time.GetUtcNow() >= nextRefresh)
                {
                    due.UnionWith(await registry.ListSchoolsAsync(stoppingToken));
                    nextRefresh = await NextRefreshAsync(refresh, stoppingToken);
                }

                foreach (string school in due.Union(retry))
                {
                    await TryPublishAsync(school, force: retry.Contains(school), failed, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<DateTimeOffset> NextRefreshAsync(TimeSpan refresh, CancellationToken stoppingToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset next = now + refresh;
        try
        {
            foreach (string school in await registry.ListSchoolsAsync(stoppingToken))
            {
                if (await contactWindows.GetTimeZoneAsync(school, stoppingToken) is { } zone
                    && SchoolCalendarContactWindows.NextOffsetChange(zone, now, next) is { } change)
                {
                    // Just after the change, so the new offset is the one read.
                    DateTimeOffset after = change + TimeSpan.FromSeconds(1);
                    next = after < next ? after : next;
                }
            }
        }
        catch (DbException ex)
        {
            logger.LogWarning("Could not read the schools' time zones: {Reason}", ex.Message);
        }

        return next;
    }

    private async Task TryPublishAsync(string school, bool force, HashSet<string> failed, CancellationToken stoppingToken)
    {
        try
        {
            await publisher.PublishSchoolAsync(school, force, stoppingToken);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or DbException)
        {
            logger.LogWarning("Could not publish the configurations of {School}: {Reason}; trying again", school, ex.Message);
            failed.Add(school);
        }
    }
}
