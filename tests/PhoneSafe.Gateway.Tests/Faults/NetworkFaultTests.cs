using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Faults;

/// <summary>
/// The network between the lockers and the broker breaks mid-burst (an in-process TCP proxy between them): every
/// connection reset, then all traffic held (a partition that heals), then the network down altogether (connections
/// reset and refused). The gateway stays connected to the broker. Lockers must notice, reconnect by themselves and
/// resend; afterwards every event is in the ledger exactly once and every journal is empty.
/// </summary>
public sealed class NetworkFaultTests
{
    private const string School = "fault-network";

    [Fact]
    public async Task NetworkCutBlackholedAndDown_MidBurst_LockersReconnect_EveryEventOnce()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var gateway = new GatewayHost(broker.Port);
        await gateway.StartAsync();
        using var proxy = new FaultProxy(broker.Port);
        using LockerRig rig = await LockerRig.StartAsync(gateway, proxy.Port, School, "lk-net-a", "lk-net-b", "lk-net-c");
        int connectedAtStart = proxy.Accepted;

        using (FleetBurst burst = FleetBurst.Start(rig.Fleet, rounds: 24))
        {
            await burst.WaitForRoundAsync(4);
            proxy.CutAll();

            await burst.WaitForRoundAsync(8);
            proxy.Blackhole();
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            proxy.Resume();

            await burst.WaitForRoundAsync(12);
            proxy.GoDown();
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            proxy.Resume();

            await burst.WaitForRoundAsync(16);
            proxy.CutAll();
            burst.Wait(TimeSpan.FromSeconds(40));
        }

        FaultTestSupport.Drain(rig.Fleet);

        Assert.True(proxy.Cut >= 2 * 3, $"only {proxy.Cut} connections were cut");
        Assert.True(proxy.Accepted >= connectedAtStart + 3, $"lockers reconnected {proxy.Accepted - connectedAtStart} times");
        Assert.All(rig.Fleet.Lockers, l => Assert.True(l.Controller.Journal.NewestSequence >= 24, $"{l.Settings.Device} recorded only {l.Controller.Journal.NewestSequence} events"));
        await FaultTestSupport.AssertRecoveredAsync(gateway, School, rig.Fleet);
    }

    [Fact]
    public async Task ConnectionsSeveredSilently_MidBurst_LockersDetectDeadLink_EveryEventOnce()
    {
        using MosquittoBroker broker = MosquittoBroker.Start();
        using var gateway = new GatewayHost(broker.Port);
        await gateway.StartAsync();
        using var proxy = new FaultProxy(broker.Port);
        using LockerRig rig = await LockerRig.StartAsync(gateway, proxy.Port, School, "lk-sev-a", "lk-sev-b", "lk-sev-c");
        rig.Fleet.SetLinkTimeout(TimeSpan.FromSeconds(3)); // the fleet runs on one thread: each dead link stalls it this long
        int connectedAtStart = proxy.Accepted;

        using (FleetBurst burst = FleetBurst.Start(rig.Fleet, rounds: 16))
        {
            await burst.WaitForRoundAsync(4);
            proxy.Sever();
            burst.Wait(TimeSpan.FromSeconds(50));
        }

        FaultTestSupport.Drain(rig.Fleet);

        Assert.True(proxy.Accepted >= connectedAtStart + 3, $"lockers reconnected {proxy.Accepted - connectedAtStart} times");
        Assert.All(rig.Fleet.Links, l => Assert.True(l.Aborts > 0, "a locker never noticed its dead connection"));
        await FaultTestSupport.AssertRecoveredAsync(gateway, School, rig.Fleet);
    }
}
