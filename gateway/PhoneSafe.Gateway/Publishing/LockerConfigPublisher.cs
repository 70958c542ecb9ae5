using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Publishing;

/// <summary>
/// Builds, versions, signs and publishes (retained) the configuration of each registered locker. A locker's
/// version only goes up: a new one is made only when the content changes, one above both the version last
/// published and the version the locker last reported applying. With it goes each locker's retained restore message
/// (<see cref="RestoreCodec"/>: which compartments hold a phone, from the custody), sent again when it changed, so a
/// replacement controller, whose new key causes a run, learns its cabinet's occupancy before it unlocks anything.
/// </summary>
/// <param name="registry">Units, reservations and published versions.</param>
/// <param name="people">People and credentials.</param>
/// <param name="contactWindows">The school's contact time and time zone.</param>
/// <param name="keys">Device keys for signing.</param>
/// <param name="ledger">The custody, for the restore messages.</param>
/// <param name="bus">The broker.</param>
/// <param name="options">Timings.</param>
/// <param name="time">The clock (UTC offset of the day).</param>
/// <param name="logger">Logger.</param>
public sealed class LockerConfigPublisher(
    LockerRegistryStore registry,
    PeopleStore people,
    IContactWindows contactWindows,
    ILockerKeys keys,
    LedgerStore ledger,
    ILockerBus bus,
    IOptions<LockerConfigOptions> options,
    TimeProvider time,
    ILogger<LockerConfigPublisher> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>();
    private readonly Dictionary<(string School, string Locker), byte[]> _restores = [];

    /// <summary>Gets the schools whose configurations should be rebuilt (read by the publishing service).</summary>
    public ChannelReader<string> Requests => _requests.Reader;

    /// <summary>
    /// Asks for a school's configurations to be rebuilt and published soon (after an import, enrolment,
    /// reservation or registration). Returns at once.
    /// </summary>
    /// <param name="school">School identifier.</param>
    public void RequestPublish(string school) => _requests.Writer.TryWrite(school);

    /// <summary>
    /// Rebuilds every registered locker of a school and publishes those whose content changed.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="force">Also send unchanged configurations again, under their current version (at start-up, where the broker may have lost retained messages).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>One result per registered locker that has a key.</returns>
    public async Task<IReadOnlyList<PublishedConfig>> PublishSchoolAsync(string school, bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<(string Credential, Person Person)> credentials = await people.ListActiveCredentialsAsync(school, cancellationToken);
            Dictionary<string, Dictionary<string, int>> assignments = (await registry.ListAssignmentsAsync(school, null, cancellationToken))
                .GroupBy(a => a.Locker, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToDictionary(a => a.PersonId, a => a.Compartment, StringComparer.Ordinal), StringComparer.Ordinal);
            Dictionary<string, Dictionary<string, string>> replaced = (await people.ListReplacedCardsInCustodyAsync(school, cancellationToken))
                .GroupBy(r => r.Locker, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.GroupBy(r => r.PersonId, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.First().Credential, StringComparer.Ordinal), StringComparer.Ordinal);
            IReadOnlyList<WeekdayWindow> windows = await contactWindows.GetWeekdayWindowsAsync(school, cancellationToken);
            int utcOffset = UtcOffsetMinutes(await contactWindows.GetTimeZoneAsync(school, cancellationToken), school);
            ILookup<string, (string Locker, int Compartment, string Occupant)> occupied = (await ledger.GetOccupantsAsync(school, cancellationToken)).ToLookup(o => o.Locker, StringComparer.Ordinal);
            var results = new List<PublishedConfig>();
            foreach ((string locker, string kind, int compartments) in await registry.ListUnitsAsync(school, cancellationToken))
            {
                byte[]? key = keys.GetDeviceKey(school, locker);
                if (key is null)
                {
                    continue;
                }

                LockerConfig config = LockerConfigBuilder.Build(
                    kind, compartments, credentials, assignments.GetValueOrDefault(locker) ?? [], windows, options.Value, utcOffset, replaced.GetValueOrDefault(locker));
                PublishedConfig? result = await PublishAsync(school, locker, config, key, force, cancellationToken);
                await PublishRestoreAsync(school, locker, compartments, occupied[locker], key, force, cancellationToken);
                if (result is not null)
                {
                    results.Add(result);
                }
            }

            int changed = results.Count(r => r.Changed);
            if (changed > 0)
            {
                logger.LogInformation(
                    "Published new configurations to {Changed} of {Lockers} lockers of {School} ({Credentials} credentials)",
                    changed, results.Count, school, credentials.Count);
            }

            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private async Task PublishRestoreAsync(
        string school, string locker, int compartments, IEnumerable<(string Locker, int Compartment, string Occupant)> occupied, byte[] key, bool force, CancellationToken cancellationToken)
    {
        string[] occupants = new string[compartments];
        foreach ((_, int compartment, string occupant) in occupied.Where(o => o.Compartment >= 1 && o.Compartment <= compartments))
        {
            occupants[compartment - 1] = occupant;
        }

        byte[] payload = RestoreCodec.Encode(locker, occupants, key);
        if (!force && _restores.TryGetValue((school, locker), out byte[]? last) && last.AsSpan().SequenceEqual(payload))
        {
            return;
        }

        await bus.PublishAsync(Topics.For(school, locker, TopicKind.Restore), payload, true, cancellationToken);
        _restores[(school, locker)] = payload;
    }

    private async Task<PublishedConfig?> PublishAsync(string school, string locker, LockerConfig config, byte[] key, bool force, CancellationToken cancellationToken)
    {
        string hash = LockerConfigBuilder.ContentHash(locker, config);
        (long Version, string ContentHash)? published = await registry.GetPublishedAsync(school, locker, cancellationToken);
        bool changed = published?.ContentHash != hash;
        if (!changed && !force)
        {
            return new PublishedConfig(locker, published!.Value.Version, false, config.Allow.Count);
        }

        if (changed)
        {
            LockerInfo? info = (await registry.ListLockersAsync(school, locker, cancellationToken)).FirstOrDefault();
            long reported = info is { AppliedVersionInferred: false, AppliedVersion: { } applied } ? applied : 0;
            config.Version = Math.Max(published?.Version ?? 0, reported) + 1;
        }
        else
        {
            config.Version = published!.Value.Version;
        }

        byte[] payload = ConfigCodec.Encode(locker, config, key);
        if (payload.Length > ProtocolVersion.MaxConfigBytes)
        {
            logger.LogError(
                "Configuration of {School}/{Locker} is {Bytes} bytes with {Entries} credentials, over the {Limit}-byte limit; not published",
                school, locker, payload.Length, config.Allow.Count, ProtocolVersion.MaxConfigBytes);
            return null;
        }

        // Recorded before sending: if the send fails, the version is not reused for different content, and the
        // publishing service sends it again (forced) on its retry.
        if (changed)
        {
            await registry.RecordPublishedAsync(school, locker, config.Version, hash, cancellationToken);
        }

        await bus.PublishAsync(Topics.For(school, locker, TopicKind.Config), payload, true, cancellationToken);
        if (changed)
        {
            logger.LogDebug("Published configuration {Version} to {School}/{Locker}: {Entries} credentials", config.Version, school, locker, config.Allow.Count);
        }

        return new PublishedConfig(locker, config.Version, changed, config.Allow.Count);
    }

    private int UtcOffsetMinutes(TimeZoneInfo? zone, string school)
    {
        if (zone is null)
        {
            logger.LogWarning("The time zone of {School} is not known on this machine; its lockers get UTC", school);
            return 0;
        }

        return (int)zone.GetUtcOffset(time.GetUtcNow()).TotalMinutes;
    }
}
