using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Core.Tests.Fakes;

/// <summary>An ESP32 system clock that starts in 1970, as after power-up, and an uptime the test advances.</summary>
internal sealed class FakeSystemTime : ISystemTime
{
    private DateTime _setUtc = DateTime.UnixEpoch;
    private long _setAtUptime;

    public long UptimeMilliseconds { get; private set; }

    public DateTime UtcNow => _setUtc.AddMilliseconds(UptimeMilliseconds - _setAtUptime);

    public int SetCount { get; private set; }

    public void Set(DateTime utc)
    {
        _setUtc = utc;
        _setAtUptime = UptimeMilliseconds;
        SetCount++;
    }

    public void Advance(long milliseconds) => UptimeMilliseconds += milliseconds;
}
