using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Tests.Fakes;
using PhoneSafe.Firmware.Core.Time;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Time;

public sealed class TimeKeeperTests
{
    private static readonly DateTime s_earliest = IsoTime.Utc(2026, 1, 1, 0, 0, 0);
    private static readonly DateTime s_rtcTime = IsoTime.Utc(2026, 11, 25, 7, 59, 58);
    private static readonly DateTime s_networkTime = IsoTime.Utc(2026, 11, 25, 8, 0, 0);

    [Fact]
    public void SetFromRealTimeClock_ValidTime_SetsSystemClock_ButNotSynchronized()
    {
        var system = new FakeSystemTime();
        var sut = new TimeKeeper(system, new FakeRealTimeClock(s_rtcTime), s_earliest);

        Assert.True(sut.SetFromRealTimeClock());

        Assert.Equal(s_rtcTime, sut.UtcNow);
        Assert.False(sut.IsSynchronized);
    }

    [Fact]
    public void SetFromRealTimeClock_FlatBatteryOrTimeBeforeBuild_LeavesSystemClockAlone()
    {
        var flat = new FakeSystemTime();
        var early = new FakeSystemTime();

        Assert.False(new TimeKeeper(flat, new FakeRealTimeClock(null), s_earliest).SetFromRealTimeClock());
        Assert.False(new TimeKeeper(early, new FakeRealTimeClock(IsoTime.Utc(2000, 1, 1, 0, 0, 0)), s_earliest).SetFromRealTimeClock());
        Assert.False(new TimeKeeper(new FakeSystemTime(), null, s_earliest).SetFromRealTimeClock());

        Assert.Equal(0, flat.SetCount);
        Assert.Equal(0, early.SetCount);
    }

    [Fact]
    public void OfferNetworkTime_AppliedOnNextRead_AdvancedByTheWait_SynchronizedAndWrittenToRealTimeClock()
    {
        var system = new FakeSystemTime();
        var rtc = new FakeRealTimeClock(s_rtcTime);
        var sut = new TimeKeeper(system, rtc, s_earliest);
        sut.SetFromRealTimeClock();
        system.Advance(1_000);

        sut.OfferNetworkTime(s_networkTime, system.UptimeMilliseconds);
        system.Advance(250);
        Assert.Equal(0, rtc.WriteCount);

        Assert.True(sut.IsSynchronized);
        Assert.Equal(s_networkTime.AddMilliseconds(250), sut.UtcNow);
        Assert.Equal(s_networkTime.AddMilliseconds(250), rtc.HeldUtc);
        Assert.Equal(1, rtc.WriteCount);
    }

    [Fact]
    public void OfferNetworkTime_BeforeBuildDate_Ignored()
    {
        var rtc = new FakeRealTimeClock(s_rtcTime);
        var sut = new TimeKeeper(new FakeSystemTime(), rtc, s_earliest);

        sut.OfferNetworkTime(IsoTime.Utc(1900, 1, 1, 0, 0, 1), 0);

        Assert.False(sut.IsSynchronized);
        Assert.Equal(0, rtc.WriteCount);
    }
}
