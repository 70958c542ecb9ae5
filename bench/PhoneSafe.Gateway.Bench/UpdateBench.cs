using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Update;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Bench;

/// <summary>
/// Over-the-air update figure: one virtual locker (the real firmware core, its main loop at the device's 50 ms) receives
/// an image of <c>--kib</c> KiB (200 unless told) from the gateway over the gateway's embedded broker; prints the time
/// until every chunk is stored and checked, and until the new version runs confirmed.
/// </summary>
internal static class UpdateBench
{
    private const string School = "bench-school";
    private const string Version = "2.0.0";

    public static async Task<int> RunAsync(string[] args, Func<string, int, WebApplication> buildGateway, int port)
    {
        int kib = args.Length > 2 && args[1] == "--kib" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        string work = Directory.CreateTempSubdirectory("phonesafe-update-bench-").FullName;
        await using WebApplication gateway = buildGateway(work, port);
        await gateway.Services.GetRequiredService<DatabaseSchema>().InitializeAsync(CancellationToken.None);
        await gateway.StartAsync();
        (byte[] deviceKey, byte[] credentialKey) = await gateway.Services.GetRequiredService<LockerDirectory>().ProvisionAsync(School, "lk-bench", CancellationToken.None);
        var settings = new LockerSettings { School = School, Device = "lk-bench", DeviceKey = deviceKey, CredentialKey = credentialKey };
        using var fleet = new LockerFleet("127.0.0.1", port, [(settings, 4)], VirtualLocker.DefaultJournalBytes);
        fleet.Boot(DateTime.UtcNow);
        if (!fleet.RunUntil(() => fleet.Lockers[0].Controller.Uplink.IsOnline, TimeSpan.FromSeconds(20)))
        {
            Console.WriteLine("the locker did not connect");
            return 1;
        }

        var rollouts = gateway.Services.GetRequiredService<FirmwareRollouts>();
        int third = kib * 1024 / 3;
        await rollouts.UploadAsync(School, Version, [("PhoneSafe.Firmware.Core.pe", RandomNumberGenerator.GetBytes(third)), ("PhoneSafe.Firmware.Device.pe", RandomNumberGenerator.GetBytes(third)), ("PhoneSafe.Firmware.Esp32.pe", RandomNumberGenerator.GetBytes((kib * 1024) - (2 * third)))], "bench", CancellationToken.None);
        VirtualLocker locker = fleet.Lockers[0];
        fleet.StartRealTime();
        var clock = Stopwatch.StartNew();
        await rollouts.StartAsync(School, Version, ["lk-bench"], CancellationToken.None);
        TimeSpan? received = null;
        TimeSpan? confirmed = null;
        while (confirmed is null && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(5);
            fleet.Act(() =>
            {
                FirmwareUpdater updater = locker.Controller.Updater;
                received ??= updater.RunningVersion == Version ? clock.Elapsed : null;
                confirmed ??= updater.RunningVersion == Version && !updater.IsOnTrial ? clock.Elapsed : null;
            });
        }

        int bytes = kib * 1024;
        Console.WriteLine($"image {bytes:N0} bytes of assemblies ({UpdateCodec.ChunkCount(bytes):N0} chunks of {UpdateCodec.ChunkBytes:N0} bytes), one virtual locker, 50 ms main loop, embedded broker on loopback");
        Console.WriteLine(received is { } r
            ? $"  received, checked and started on trial: {r.TotalSeconds:F1} s ({bytes / 1024.0 / r.TotalSeconds:F1} KiB/s)"
            : "  not received within 5 minutes");
        Console.WriteLine(confirmed is { } c ? $"  confirmed by the gateway: {c.TotalSeconds:F1} s" : "  not confirmed within 5 minutes");
        await gateway.StopAsync();
        return confirmed is null ? 1 : 0;
    }
}
