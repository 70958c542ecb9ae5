using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// With <c>--demo</c>: registers a demonstration school, publishes each locker's signed configuration, and runs
/// virtual lockers (the real firmware core on virtual hardware) against the broker with staff tapping in and out.
/// </summary>
/// <param name="options">Demo size and pace.</param>
/// <param name="mqtt">Broker address.</param>
/// <param name="directory">Registers lockers.</param>
/// <param name="bus">Publishes configuration.</param>
/// <param name="server">Tells the listening address.</param>
/// <param name="lifetime">Waits for the web server to start.</param>
/// <param name="logger">Logger.</param>
public sealed class DemoSchoolService(
    IOptions<DemoOptions> options,
    IOptions<MqttOptions> mqtt,
    LockerDirectory directory,
    ILockerBus bus,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DemoSchoolService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DemoOptions demo = options.Value;
        if (!demo.Enabled)
        {
            return;
        }

        var lockers = new List<LockerSettings>();
        byte[] credentialKey = [];
        for (int i = 1; i <= demo.Lockers; i++)
        {
            string id = $"locker-{i:00}";
            (byte[] deviceKey, credentialKey) = await directory.ProvisionAsync(demo.School, id, stoppingToken);
            lockers.Add(new LockerSettings { School = demo.School, Device = id, DeviceKey = deviceKey, CredentialKey = credentialKey });
        }

        byte[][] cards = Enumerable.Range(1, demo.Staff).Select(n => new byte[] { 0x04, 0xDE, (byte)(n >> 8), (byte)n }).ToArray();
        while (!bus.IsConnected)
        {
            await Task.Delay(200, stoppingToken);
        }

        foreach (LockerSettings locker in lockers)
        {
            var config = new LockerConfig { Version = 1, UnlockSeconds = 10, LeftOpenSeconds = 120 };
            foreach (byte[] card in cards)
            {
                config.Allow.Add(new AllowEntry { Credential = CredentialHash.Compute(credentialKey, card), Role = Roles.Staff, Compartment = 0 });
            }

            await bus.PublishAsync(Topics.For(locker.School, locker.Device, TopicKind.Config), ConfigCodec.Encode(locker.Device, config, locker.DeviceKey), true, stoppingToken);
        }

        using var fleet = new LockerFleet(mqtt.Value.Host, mqtt.Value.Port, lockers, demo.CompartmentsPerLocker);
        fleet.Boot();
        fleet.StartRealTime();
        await WhenStartedAsync(stoppingToken);
        string address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        logger.LogInformation("PhoneSafe demo: {Lockers} lockers and {Staff} staff at {School}. Custody now: {Address}/api/custody", demo.Lockers, demo.Staff, demo.School, address);

        var random = new Random(2026);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(demo.TapIntervalMilliseconds, stoppingToken);
                Firmware.Virtual.VirtualLocker locker = fleet.Lockers[random.Next(fleet.Lockers.Count)];
                byte[] card = cards[random.Next(cards.Length)];
                fleet.Act(() => locker.UseLocker(card));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(started.SetResult);
        return started.Task.WaitAsync(stoppingToken);
    }
}
