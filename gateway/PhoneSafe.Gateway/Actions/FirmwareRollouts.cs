using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Over-the-air updates from the gateway's side: stores uploaded images, starts staged rollouts (one pilot locker,
/// then the others once the pilot runs the new version and is confirmed), and answers each locker's progress reports:
/// the signed manifest, the next chunks, the confirmation. A pilot that fails or rolls back cancels the rest.
/// </summary>
/// <param name="store">Images and each locker's firmware.</param>
/// <param name="keys">Device keys (every update message is signed with the locker's key).</param>
/// <param name="bus">The broker.</param>
/// <param name="time">The clock.</param>
public sealed class FirmwareRollouts(FirmwareStore store, ILockerKeys keys, ILockerBus bus, TimeProvider time)
{
    // The last image read, for the chunks that follow its manifest. One immutable object swapped whole, so the API
    // thread and the ledger writer never see a mix of two images.
    private CachedImage? _cached;

    /// <summary>
    /// Packs uploaded assemblies into an image and stores it.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="version">Firmware version.</param>
    /// <param name="assemblies">The .pe files in load order, the application (with the entry point) last.</param>
    /// <param name="uploadedBy">Who uploads it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The release, or null when the school already has that version.</returns>
    public async Task<FirmwareRelease?> UploadAsync(string school, string version, IReadOnlyList<(string Name, byte[] Data)> assemblies, string uploadedBy, CancellationToken cancellationToken)
    {
        byte[] image = FirmwareImage.Pack([.. assemblies.Select(a => a.Name)], [.. assemblies.Select(a => a.Data)]);
        var release = new FirmwareRelease(version, image.Length, Hex.Encode(Sha256.Hash(image)), [.. assemblies.Select(a => a.Name)], uploadedBy, time.GetUtcNow());
        return await store.AddReleaseAsync(school, release, image, cancellationToken) ? release : null;
    }

    /// <summary>
    /// Starts a staged rollout and sends the manifest to the pilot (the first locker).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="version">An uploaded version.</param>
    /// <param name="lockers">Registered lockers, the pilot first.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>false when there is no such version.</returns>
    public async Task<bool> StartAsync(string school, string version, IReadOnlyList<string> lockers, CancellationToken cancellationToken)
    {
        if (await ImageAsync(school, version, cancellationToken) is not { } image)
        {
            return false;
        }

        await store.StartRolloutAsync(school, version, UpdateCodec.ChunkCount(image.Image.Length), lockers, cancellationToken);
        await SendManifestAsync(school, lockers[0], version, image, cancellationToken);
        return true;
    }

    /// <summary>
    /// Answers a locker's progress report and records it.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="progress">The verified report.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task HandleProgressAsync(string school, string locker, UpdateProgress progress, CancellationToken cancellationToken)
    {
        (LockerFirmware Firmware, bool Pilot)? row = await store.GetAsync(school, locker, cancellationToken);
        string from = row?.Firmware.State ?? FirmwareStates.None;
        string state = from;
        int received = row?.Firmware.ChunksReceived ?? 0;
        string? reason = row?.Firmware.Reason;
        if (row?.Firmware.Target is { } target && state is FirmwareStates.Sending or FirmwareStates.Confirmed
            && await ImageAsync(school, target, cancellationToken) is { } image)
        {
            bool pilot = row.Value.Pilot;
            if (progress.Running == target)
            {
                if (progress.State == UpdateState.Trial)
                {
                    await PublishAsync(school, locker, key => UpdateCodec.EncodeConfirm(locker, target, key), cancellationToken);
                }

                received = row.Value.Firmware.Chunks;
                if (state != FirmwareStates.Confirmed)
                {
                    state = FirmwareStates.Confirmed;
                    await store.RecordAsync(school, locker, progress.Running, from, state, received, null, cancellationToken);
                    if (pilot)
                    {
                        foreach (string next in await store.ReleaseWaitingAsync(school, target, FirmwareStates.Sending, cancellationToken))
                        {
                            await SendManifestAsync(school, next, target, image, cancellationToken);
                        }
                    }

                    return;
                }
            }
            else if (progress.Target == target && progress.State is UpdateState.Failed or UpdateState.RolledBack)
            {
                state = progress.State == UpdateState.Failed ? FirmwareStates.Failed : FirmwareStates.RolledBack;
                reason = progress.State == UpdateState.Failed ? progress.Reason : null;
                if (pilot)
                {
                    await store.ReleaseWaitingAsync(school, target, FirmwareStates.Cancelled, cancellationToken);
                }
            }
            else if (progress.Target == target && progress.State == UpdateState.Receiving)
            {
                received = progress.Next;
                for (int chunk = progress.Next; chunk < progress.Next + Firmware.Core.Update.FirmwareUpdater.ChunksPerRequest && chunk < UpdateCodec.ChunkCount(image.Image.Length); chunk++)
                {
                    int n = chunk;
                    await PublishAsync(school, locker, key => UpdateCodec.EncodeChunk(locker, target, n, image.Image, key), cancellationToken);
                }
            }
            else if (state == FirmwareStates.Sending)
            {
                // Connected without the manifest (offline when it was sent, or busy with another version): send it again.
                await SendManifestAsync(school, locker, target, image, cancellationToken);
            }
        }

        await store.RecordAsync(school, locker, progress.Running, from, state, received, reason, cancellationToken);
    }

    // The SHA-256 is the one recorded at upload: an image changed since in the database fails the locker's check.
    private async Task SendManifestAsync(string school, string locker, string version, (byte[] Image, string Sha256) image, CancellationToken cancellationToken)
    {
        var manifest = new UpdateManifest
        {
            Version = version,
            SizeBytes = image.Image.Length,
            Chunks = UpdateCodec.ChunkCount(image.Image.Length),
            Sha256 = image.Sha256,
        };
        await PublishAsync(school, locker, key => UpdateCodec.EncodeManifest(locker, manifest, key), cancellationToken);
    }

    private async Task PublishAsync(string school, string locker, Func<byte[], byte[]> encode, CancellationToken cancellationToken)
    {
        if (keys.GetDeviceKey(school, locker) is { } key)
        {
            await bus.PublishAsync(Topics.For(school, locker, TopicKind.Update), encode(key), false, cancellationToken);
        }
    }

    private async Task<(byte[] Image, string Sha256)?> ImageAsync(string school, string version, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _cached) is { } cached && cached.School == school && cached.Version == version)
        {
            return (cached.Image, cached.Sha256);
        }

        if (await store.ReadImageAsync(school, version, cancellationToken) is { } image)
        {
            Volatile.Write(ref _cached, new CachedImage(school, version, image.Image, image.Sha256));
            return image;
        }

        return null;
    }

    private sealed record CachedImage(string School, string Version, byte[] Image, string Sha256);
}
