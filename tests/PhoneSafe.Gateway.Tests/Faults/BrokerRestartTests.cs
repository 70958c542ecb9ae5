using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Faults;

/// <summary>
/// Mosquitto stops mid-burst and starts again on the same port, twice. Without persistence (killed: the gateway's
/// session, its queued events and the retained configurations are gone) and with persistence (a service stop: saved
/// and reloaded). The gateway and the lockers reconnect by themselves; the lockers' journals carry everything the
/// broker lost.
/// </summary>
public sealed class BrokerRestartTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MosquittoStoppedAndRestarted_MidBurst_EveryEventOnce(bool persistence)
    {
        string school = persistence ? "fault-broker-saved" : "fault-broker-lost";
        using MosquittoBroker broker = MosquittoBroker.Start(persistence);
        using var gateway = new GatewayHost(broker.Port);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, school, "lk-broker-a", "lk-broker-b", "lk-broker-c");
        ILockerBus bus = gateway.Services.GetRequiredService<ILockerBus>();

        using (FleetBurst burst = FleetBurst.Start(rig.Fleet, rounds: 20))
        {
            foreach (int round in new[] { 5, 12 })
            {
                await burst.WaitForRoundAsync(round);
                broker.Stop(graceful: persistence);
                Assert.Equal(persistence, broker.HasSavedState);
                Assert.True(await FaultTestSupport.WaitForAsync(() => !bus.IsConnected, TimeSpan.FromSeconds(30)), "the gateway did not notice the broker stop");
                await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
                broker.Restart();
                Assert.True(await FaultTestSupport.WaitForAsync(() => bus.IsConnected, TimeSpan.FromSeconds(30)), "the gateway did not reconnect to the restarted broker");
            }

            burst.Wait(TimeSpan.FromSeconds(40));
        }

        FaultTestSupport.Drain(rig.Fleet);

        Assert.All(rig.Fleet.Lockers, l => Assert.True(l.Controller.Uplink.FailedConnects > 0, $"{l.Settings.Device} never had to reconnect"));
        await FaultTestSupport.AssertRecoveredAsync(gateway, school, rig.Fleet);
    }
}
