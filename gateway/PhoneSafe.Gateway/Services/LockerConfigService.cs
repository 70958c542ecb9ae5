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
            IReadOnlyList<string>? schools = await TryListSchoolsAsync(stoppingToken);
            bool listPending = schools is null;
            foreach (string school in schools ?? [])
            {
                await TryPublishAsync(school, force: true, failed, stoppingToken);
            }

            TimeSpan refresh = TimeSpan.FromMinutes(Math.Max(1, options.Value.RefreshMinutes));
            DateTimeOffset nextRefresh = await NextRefreshAsync(refresh, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait = failed.Count > 0 || listPending ? s_retryDelay : nextRefresh - time.GetUtcNow();
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
                if (listPending && await TryListSchoolsAsync(stoppingToken) is { } listed)
                {
                    // The start-up publication could not list the schools (database down): do it now, forced.
                    listPending = false;
                    retry.UnionWith(listed);
                }

                if (time.GetUtcNow() >= nextRefresh)
                {
                    if (await TryListSchoolsAsync(stoppingToken) is { } all)
                    {
                        due.UnionWith(all);
                        nextRefresh = await NextRefreshAsync(refresh, stoppingToken);
                    }
                    else
                    {
                        nextRefresh = time.GetUtcNow() + s_retryDelay;
                    }
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

    // The database may be restarting: a failed listing is logged and tried again a few seconds later, it must not
    // stop the host (as an unhandled exception in a BackgroundService would: a PostgreSQL crash test found that).
    private async Task<IReadOnlyList<string>?> TryListSchoolsAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await registry.ListSchoolsAsync(stoppingToken);
        }
        catch (DbException ex)
        {
            logger.LogWarning("Could not list the schools with lockers: {Reason}; trying again", ex.Message);
            return null;
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
