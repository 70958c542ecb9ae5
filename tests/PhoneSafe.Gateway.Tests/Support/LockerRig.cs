using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// Virtual lockers (real firmware core, virtual hardware) registered with a running gateway, configured through
/// the broker, and connected to it over real MQTT.
/// </summary>
public sealed class LockerRig : IDisposable
{
    public static readonly byte[] StaffCard = [0x04, 0xA1, 0xB2, 0xC3];

    private LockerRig(LockerFleet fleet) => Fleet = fleet;

    public LockerFleet Fleet { get; }

    public VirtualLocker Locker => Fleet.Lockers[0];

    public static Task<LockerRig> StartAsync(GatewayHost gateway, string school, params string[] lockers) =>
        StartAsync(gateway, gateway.BrokerPort, school, lockers);

    /// <summary>Starts lockers that reach the broker on another port (through a <see cref="FaultProxy"/>).</summary>
    public static Task<LockerRig> StartAsync(GatewayHost gateway, int brokerPort, string school, params string[] lockers) =>
        StartAsync(gateway, brokerPort, VirtualLocker.DefaultJournalBytes, school, lockers);

    /// <summary>Starts lockers with a journal region of the given size (64 bytes per event), e.g. small enough to wrap.</summary>
    public static Task<LockerRig> StartAsync(GatewayHost gateway, int brokerPort, int journalBytes, string school, params string[] lockers) =>
        StartAsync(gateway, brokerPort, journalBytes, null, school, lockers);

    /// <summary>Starts lockers whose clocks are synchronised to <paramref name="bootUtc"/> at boot (unsynchronised when null).</summary>
    public static Task<LockerRig> StartAsync(GatewayHost gateway, int brokerPort, int journalBytes, DateTime? bootUtc, string school, params string[] lockers) =>
        StartAsync(gateway, new BrokerEndpoint("127.0.0.1", brokerPort), journalBytes, bootUtc, school, lockers);

    /// <summary>Starts lockers against a given broker (TLS and per-locker accounts when the endpoint says so).</summary>
    public static Task<LockerRig> StartAsync(GatewayHost gateway, BrokerEndpoint broker, string school, params string[] lockers) =>
        StartAsync(gateway, broker, VirtualLocker.DefaultJournalBytes, null, school, lockers);

    private static async Task<LockerRig> StartAsync(GatewayHost gateway, BrokerEndpoint broker, int journalBytes, DateTime? bootUtc, string school, string[] lockers)
    {
        var settings = new List<LockerSettings>();
        foreach (string id in lockers)
        {
            LockerSettings locker = await gateway.ProvisionAsync(school, id);
            var config = new LockerConfig { Version = 1 };
            config.Allow.Add(new AllowEntry { Credential = CredentialHash.Compute(locker.CredentialKey, StaffCard), Role = Roles.Staff });
            await gateway.Services.GetRequiredService<ILockerBus>().PublishAsync(
                Topics.For(school, id, TopicKind.Config), ConfigCodec.Encode(id, config, locker.DeviceKey), true, TestContext.Current.CancellationToken);
            settings.Add(locker);
        }

        var fleet = new LockerFleet(broker, settings.Select(s => (s, 4)), journalBytes);
        if (bootUtc is { } utc)
        {
            fleet.Boot(utc);
        }
        else
        {
            fleet.Boot();
        }

        var rig = new LockerRig(fleet);
        Assert.True(fleet.RunUntil(() => fleet.Lockers.All(l => l.Controller.Config.Version == 1), TimeSpan.FromSeconds(20)), "lockers did not receive their configuration");
        return rig;
    }

    /// <summary>Runs the lockers until every journal is empty (the gateway acknowledged everything).</summary>
    public void RunUntilAcknowledged() =>
        Assert.True(Fleet.RunUntil(() => Fleet.Outstanding == 0, TimeSpan.FromSeconds(30)), $"{Fleet.Outstanding} events still unacknowledged");

    public void Dispose() => Fleet.Dispose();
}
