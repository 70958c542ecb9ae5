using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Tests.Fakes;
using PhoneSafe.Firmware.Core.Tests.Shared;
using PhoneSafe.Firmware.Virtual;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Locker;

/// <summary>
/// The main loop never waits for the network: a connect that takes 40 s (a slow DNS, TLS or broker) runs on the
/// link's own thread while taps and doors go on being handled, pass after pass of the virtual clock.
/// </summary>
public sealed class UplinkConnectTests
{
    private const long ConnectMilliseconds = 40_000;

    [Fact]
    public void Tick_WhileAConnectTakes40Seconds_HandlesATapWithin100MillisecondsAndPublishesOnceConnected()
    {
        using SlowConnectLink link = new();
        VirtualLocker sut = CreateSut(link);
        Assert.True(link.WaitUntilConnecting(), "the first pass did not start a connect on the link's thread");

        sut.Run(1000);
        sut.Reader.Present(Fixtures.StaffCard);
        long tappedAt = sut.Clock.UptimeMilliseconds;
        while (!sut.Compartments.IsUnlocked(1) && sut.Clock.UptimeMilliseconds - tappedAt < 1000)
        {
            sut.Run(VirtualLocker.TickMilliseconds);
        }

        long unlockedAfter = sut.Clock.UptimeMilliseconds - tappedAt;
        sut.Reader.Remove();
        Assert.True(sut.Compartments.IsUnlocked(1), "the tap was not handled while the connect was under way");
        Assert.InRange(unlockedAfter, 0, 100);
        Assert.True(link.IsConnecting);

        Assert.True(sut.Compartments.TryOpen(1));
        sut.Run(2000);
        sut.Compartments.Close(1);
        sut.Run(VirtualLocker.TickMilliseconds);
        Assert.Equal(CompartmentState.Occupied, sut.Controller.GetCompartment(1).State);

        while (sut.Clock.UptimeMilliseconds < ConnectMilliseconds)
        {
            sut.Run(VirtualLocker.TickMilliseconds);
        }

        Assert.True(link.IsConnecting, "the connect ended before the broker answered");
        Assert.Empty(link.Published);
        link.Answer(connected: true);
        Assert.True(link.WaitUntilIdle());
        sut.Run(VirtualLocker.TickMilliseconds);

        Assert.True(sut.Controller.Uplink.IsOnline);
        Assert.Equal(1, link.Attempts);
        Assert.Contains(link.Published, m => EventCodec.TryDecode(m.Payload, Fixtures.Device, Fixtures.Key(1), out LockerEvent e, out _) && e.Type == EventType.Deposit);
    }

    [Fact]
    public void Pump_ConnectRefusedAfter40Seconds_CountsOneFailureAndRetriesAfterTheBackOff()
    {
        using SlowConnectLink link = new();
        VirtualLocker sut = CreateSut(link);
        Assert.True(link.WaitUntilConnecting());
        sut.Run(ConnectMilliseconds);
        Assert.Equal(0, sut.Controller.Uplink.FailedConnects);

        link.Answer(connected: false);
        Assert.True(link.WaitUntilIdle());
        sut.Run(VirtualLocker.TickMilliseconds);
        Assert.Equal(1, sut.Controller.Uplink.FailedConnects);
        Assert.False(link.IsConnecting);

        sut.Run(1500);
        Assert.True(link.WaitUntilConnecting(), "no new attempt after the 1 s back-off");
        Assert.Equal(2, link.Attempts);
        link.Answer(connected: true);
        Assert.True(link.WaitUntilIdle());
        sut.Run(VirtualLocker.TickMilliseconds);
        Assert.True(sut.Controller.Uplink.IsOnline);
    }

    [Fact]
    public void BeginConnect_WhileAnAttemptIsUnderWay_IsRefusedNotQueued()
    {
        using SlowConnectLink sut = new();
        Assert.True(sut.BeginConnect("lk-test", "status", [1]));
        Assert.True(sut.WaitUntilConnecting());

        Assert.False(sut.BeginConnect("lk-test", "status", [1]));

        sut.Answer(connected: true);
        Assert.True(sut.WaitUntilIdle());
        Assert.True(sut.IsConnected);
        Assert.Equal(1, sut.Attempts);
        Assert.Equal(1, sut.FinishedAttempts);
    }

    private static VirtualLocker CreateSut(SlowConnectLink link)
    {
        VirtualLocker locker = new(Fixtures.Settings(), 4, link, 64 * 64);
        locker.Store.Write(LockerController.ConfigSetting, Fixtures.SignedConfig(1));
        locker.Boot();
        locker.Run(VirtualLocker.TickMilliseconds);
        return locker;
    }
}
