using PhoneSafe.Firmware.Core.Hardware;

namespace PhoneSafe.Firmware.Core.Tests.Fakes;

/// <summary>A DS3231 stand-in: holds a time (or none, as with a flat battery) and records writes.</summary>
internal sealed class FakeRealTimeClock(DateTime? heldUtc) : IRealTimeClock
{
    public DateTime? HeldUtc { get; private set; } = heldUtc;

    public int WriteCount { get; private set; }

    public bool TryRead(out DateTime utc)
    {
        utc = HeldUtc ?? DateTime.MinValue;
        return HeldUtc.HasValue;
    }

    public bool TryWrite(DateTime utc)
    {
        HeldUtc = utc;
        WriteCount++;
        return true;
    }
}
